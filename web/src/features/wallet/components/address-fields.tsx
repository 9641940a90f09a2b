// The fields of a postal address, named as the API names them so server errors land next to the
// right input; the address form (Settings → Addresses) wraps them.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/fields.tsx';
import { isCountryCode, listCountries } from '../../../lib/countries.ts';
import type { FormError } from '../../../lib/form-error.ts';
import type { Address, AddressInput } from '../api.ts';

export const FIELDS = ['fullName', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'] as const;
export const REQUIRED = ['fullName', 'line1', 'city', 'country'] as const;
/** What each field asks for when it is empty or the server refused it, in the reader's language. */
export function fieldMessages(t: TFunction<'wallet'>): Record<(typeof FIELDS)[number], string> {
  return {
    fullName: t('wallet:address.fullNameError'),
    line1: t('wallet:address.line1Error'),
    line2: t('wallet:address.line2Error'),
    city: t('wallet:address.cityError'),
    region: t('wallet:address.regionError'),
    postalCode: t('wallet:address.postalCodeError'),
    country: t('wallet:address.countryError'),
    phone: t('wallet:address.phoneError'),
  };
}

export type AddressValues = Record<(typeof FIELDS)[number], string>;

export function valuesOf(address: Address | undefined, defaultCountry: string): AddressValues {
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

/** The address as the API takes it: trimmed, optional parts null when empty. */
export function toAddressInput(values: AddressValues): AddressInput {
  return {
    fullName: values.fullName.trim(),
    line1: values.line1.trim(),
    line2: optional(values.line2),
    city: values.city.trim(),
    region: optional(values.region),
    postalCode: optional(values.postalCode),
    country: values.country,
    phone: optional(values.phone),
  };
}

type AddressFieldsProps = {
  values: AddressValues;
  edit: (name: keyof AddressValues, value: string) => void;
  errors: FormError['fields'] | undefined;
  autoFocus: boolean;
};

export function AddressFields({ values, edit, errors, autoFocus }: AddressFieldsProps) {
  const { t } = useTranslation('wallet');
  return (
    <>
      <TextField
        label={t('address.fullName')}
        name="fullName"
        autoFocus={autoFocus}
        autoComplete="name"
        maxLength={100}
        value={values.fullName}
        onChange={(event) => edit('fullName', event.target.value)}
        required
        error={errors?.fullName}
      />
      <TextField
        label={t('address.line1')}
        name="line1"
        autoComplete="address-line1"
        maxLength={120}
        value={values.line1}
        onChange={(event) => edit('line1', event.target.value)}
        hint={t('address.line1Hint')}
        required
        error={errors?.line1}
      />
      <TextField
        label={t('address.line2')}
        name="line2"
        autoComplete="address-line2"
        maxLength={120}
        value={values.line2}
        onChange={(event) => edit('line2', event.target.value)}
        hint={t('address.line2Hint')}
        error={errors?.line2}
      />
      <div className="field-row">
        <TextField
          label={t('address.city')}
          name="city"
          autoComplete="address-level2"
          maxLength={80}
          value={values.city}
          onChange={(event) => edit('city', event.target.value)}
          required
          error={errors?.city}
        />
        <TextField
          label={t('address.postalCode')}
          name="postalCode"
          autoComplete="postal-code"
          maxLength={16}
          value={values.postalCode}
          onChange={(event) => edit('postalCode', event.target.value)}
          error={errors?.postalCode}
        />
      </div>
      <TextField
        label={t('address.region')}
        name="region"
        autoComplete="address-level1"
        maxLength={80}
        value={values.region}
        onChange={(event) => edit('region', event.target.value)}
        error={errors?.region}
      />
      <SelectField
        label={t('address.country')}
        name="country"
        autoComplete="country"
        value={values.country}
        onChange={(event) => edit('country', event.target.value)}
        required
        error={errors?.country}
      >
        <option value="">{t('address.chooseCountry')}</option>
        {values.country !== '' && !isCountryCode(values.country) ? (
          <option value={values.country}>{values.country}</option>
        ) : null}
        {listCountries().map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('address.phone')}
        name="phone"
        type="tel"
        autoComplete="tel"
        maxLength={32}
        value={values.phone}
        onChange={(event) => edit('phone', event.target.value)}
        hint={t('address.phoneHint')}
        error={errors?.phone}
      />
    </>
  );
}
