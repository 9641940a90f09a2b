// Adding or editing a saved address: used by Settings → Addresses and by checkout.
import { useState, type SubmitEvent } from 'react';
import { CheckboxField, SelectField, TextField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import type { FormError } from '../../../lib/form-error.ts';
import { isCountryCode, listCountries } from '../../../lib/countries.ts';
import { missingFields } from '../../../lib/missing-fields.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { walletApi, type Address } from '../api.ts';

const FIELDS = ['fullName', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'] as const;
const REQUIRED = ['fullName', 'line1', 'city', 'country'] as const;
const FIELD_MESSAGES = {
  fullName: 'Enter the name of the person receiving the parcel (up to 100 characters).',
  line1: 'Enter the street address (up to 120 characters).',
  line2: 'Use at most 120 characters.',
  city: 'Enter the town or city (up to 80 characters).',
  region: 'Use at most 80 characters.',
  postalCode: 'Enter a postal code with letters, digits, spaces and dashes only (up to 16).',
  country: 'Choose a country from the list.',
  phone: 'Enter a phone number with digits, spaces and + ( ) . / - only, for example +44 20 7946 0958.',
};

type Values = Record<(typeof FIELDS)[number], string>;

function valuesOf(address: Address | undefined, defaultCountry: string): Values {
  return {
    fullName: address?.fullName ?? '',
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    city: address?.city ?? '',
    region: address?.region ?? '',
    postalCode: address?.postalCode ?? '',
    country: address?.country ?? defaultCountry,
    phone: address?.phone ?? '',
  };
}

const optional = (value: string) => (value.trim() === '' ? null : value.trim());

export type AddressFormProps = {
  /** The address to edit; without it the form adds a new one. */
  address?: Address;
  /** Called with the address as the server stored it. */
  onSaved: (address: Address) => void;
  submitLabel?: string;
  /** Shows a Cancel button next to the submit button. */
  onCancel?: () => void;
  /** Offer "Make this my default address" (not shown for the default itself). */
  offerDefault?: boolean;
  /** Preselected country for a new address, e.g. the one chosen in "Ship to". */
  defaultCountry?: string;
  /** Focus the first field when the form appears (it was opened by a button). */
  autoFocus?: boolean;
};

export function AddressForm({ address, onSaved, submitLabel = 'Save address', onCancel, offerDefault = true, defaultCountry = '', autoFocus = false }: AddressFormProps) {
  const { pending, error, run } = useRequest({ fieldMessages: FIELD_MESSAGES });
  const [values, setValues] = useState<Values>(() => valuesOf(address, defaultCountry));
  const [makeDefault, setMakeDefault] = useState(false);
  const [missing, setMissing] = useState<FormError | null>(null);
  const shown = missing ?? error;

  const edit = (name: keyof Values, value: string) => setValues((current) => ({ ...current, [name]: value }));

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const empty = missingFields(values, REQUIRED, FIELD_MESSAGES);
    setMissing(empty);
    if (empty !== null) return;
    const input = {
      fullName: values.fullName.trim(),
      line1: values.line1.trim(),
      line2: optional(values.line2),
      city: values.city.trim(),
      region: optional(values.region),
      postalCode: optional(values.postalCode),
      country: values.country,
      phone: optional(values.phone),
      ...(makeDefault ? { makeDefault: true } : {}),
    };
    const outcome = await run(() => (address ? walletApi.updateAddress(address.id, input) : walletApi.createAddress(input)));
    if (!outcome.ok) return;
    if (!address) {
      setValues(valuesOf(undefined, defaultCountry));
      setMakeDefault(false);
    }
    onSaved(outcome.value);
  }

  return (
    <form className="form address-form" onSubmit={onSubmit} noValidate>
      <ErrorAlert error={shown} formFields={FIELDS} />
      <TextField
        label="Full name"
        name="fullName"
        autoFocus={autoFocus}
        autoComplete="name"
        maxLength={100}
        value={values.fullName}
        onChange={(event) => edit('fullName', event.target.value)}
        required
        error={shown?.fields.fullName}
      />
      <TextField
        label="Address line 1"
        name="line1"
        autoComplete="address-line1"
        maxLength={120}
        value={values.line1}
        onChange={(event) => edit('line1', event.target.value)}
        hint="Street and number."
        required
        error={shown?.fields.line1}
      />
      <TextField
        label="Address line 2 (optional)"
        name="line2"
        autoComplete="address-line2"
        maxLength={120}
        value={values.line2}
        onChange={(event) => edit('line2', event.target.value)}
        hint="Apartment, floor, building."
        error={shown?.fields.line2}
      />
      <div className="field-row">
        <TextField
          label="City"
          name="city"
          autoComplete="address-level2"
          maxLength={80}
          value={values.city}
          onChange={(event) => edit('city', event.target.value)}
          required
          error={shown?.fields.city}
        />
        <TextField
          label="Postal code (optional)"
          name="postalCode"
          autoComplete="postal-code"
          maxLength={16}
          value={values.postalCode}
          onChange={(event) => edit('postalCode', event.target.value)}
          error={shown?.fields.postalCode}
        />
      </div>
      <TextField
        label="State, province or region (optional)"
        name="region"
        autoComplete="address-level1"
        maxLength={80}
        value={values.region}
        onChange={(event) => edit('region', event.target.value)}
        error={shown?.fields.region}
      />
      <SelectField
        label="Country"
        name="country"
        autoComplete="country"
        value={values.country}
        onChange={(event) => edit('country', event.target.value)}
        required
        error={shown?.fields.country}
      >
        <option value="">Choose a country</option>
        {values.country !== '' && !isCountryCode(values.country) ? <option value={values.country}>{values.country}</option> : null}
        {listCountries().map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Phone (optional)"
        name="phone"
        type="tel"
        autoComplete="tel"
        maxLength={32}
        value={values.phone}
        onChange={(event) => edit('phone', event.target.value)}
        hint="For the courier, if they need to reach you."
        error={shown?.fields.phone}
      />
      {offerDefault && !address?.isDefault ? (
        <CheckboxField
          label="Make this my default address"
          name="makeDefault"
          checked={makeDefault}
          onChange={(event) => setMakeDefault(event.target.checked)}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
