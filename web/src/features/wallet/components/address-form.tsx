// Adding or editing a saved address: used by Settings → Addresses and by checkout.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import type { FormError } from '../../../lib/form-error.ts';
import { missingFields } from '../../../lib/missing-fields.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { walletApi, type Address } from '../api.ts';
import {
  AddressFields,
  fieldMessages,
  FIELDS,
  REQUIRED,
  toAddressInput,
  valuesOf,
  type AddressValues,
} from './address-fields.tsx';

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

export function AddressForm({
  address,
  onSaved,
  submitLabel,
  onCancel,
  offerDefault = true,
  defaultCountry = '',
  autoFocus = false,
}: AddressFormProps) {
  const { t } = useTranslation('wallet');
  const messages = fieldMessages(t);
  const { pending, error, run } = useRequest({ fieldMessages: messages });
  const [values, setValues] = useState<AddressValues>(() => valuesOf(address, defaultCountry));
  const [makeDefault, setMakeDefault] = useState(false);
  const [missing, setMissing] = useState<FormError | null>(null);
  const shown = missing ?? error;

  const edit = (name: keyof AddressValues, value: string) => setValues((current) => ({ ...current, [name]: value }));

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const empty = missingFields(values, REQUIRED, messages);
    setMissing(empty);
    if (empty !== null) return;
    const input = { ...toAddressInput(values), ...(makeDefault ? { makeDefault: true } : {}) };
    const outcome = await run(() =>
      address ? walletApi.updateAddress(address.id, input) : walletApi.createAddress(input),
    );
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
      <AddressFields values={values} edit={edit} errors={shown?.fields} autoFocus={autoFocus} />
      {offerDefault && !address?.isDefault ? (
        <CheckboxField
          label={t('address.makeDefault')}
          name="makeDefault"
          checked={makeDefault}
          onChange={(event) => setMakeDefault(event.target.checked)}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel ?? t('address.save')}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
            {t('address.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
