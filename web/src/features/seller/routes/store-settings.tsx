import { useState, type SubmitEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { listCountries } from '../../../lib/countries.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { sellerApi, type Store } from '../api.ts';
import { useSeller } from './seller-layout.tsx';
import { ReturnPolicySection } from '../../returns/components/return-policy-form.tsx';
import '../styles.css';

const FIELDS = ['name', 'country', 'description', 'status'] as const;
const WORDING = {
  fieldMessages: {
    name: 'Enter a store name of 1 to 80 characters.',
    country: 'Choose a country from the list.',
    description: 'Keep the description under 2,000 characters.',
  },
};

const valuesOf = (store: Store) => ({
  name: store.name,
  country: store.country,
  description: store.description,
  status: store.status === 'hidden' ? 'hidden' : 'active',
});

export function SellerStorePage() {
  usePageTitle('Store settings');
  const { store, setStore } = useSeller();
  const { pending, error, run } = useRequest(WORDING);
  const [values, setValues] = useState(() => valuesOf(store));
  const [saved, setSaved] = useState(false);
  const edit = (name: keyof typeof values, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setSaved(false);
  };

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const outcome = await run(() =>
      sellerApi.updateStore({
        name: values.name.trim(),
        country: values.country,
        description: values.description.trim(),
        status: values.status === 'hidden' ? 'hidden' : 'active',
      }),
    );
    if (!outcome.ok) return;
    setStore(outcome.value);
    setValues(valuesOf(outcome.value));
    setSaved(true);
  }

  return (
    <>
      <h1>Store settings</h1>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={error} formFields={FIELDS} />
        <TextField
          label="Store name"
          name="name"
          maxLength={80}
          required
          value={values.name}
          onChange={(e) => edit('name', e.target.value)}
          error={error?.fields.name}
        />
        <SelectField
          label="Country"
          name="country"
          value={values.country}
          onChange={(e) => edit('country', e.target.value)}
          error={error?.fields.country}
        >
          {listCountries().map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label="Description"
          name="description"
          rows={4}
          maxLength={2000}
          value={values.description}
          onChange={(e) => edit('description', e.target.value)}
          hint="Optional."
          error={error?.fields.description}
        />
        <SelectField
          label="Visibility"
          name="status"
          value={values.status}
          onChange={(e) => edit('status', e.target.value)}
          hint="A hidden store and its products are not shown to buyers, for example while you are away."
          error={error?.fields.status}
        >
          <option value="active">Open: products are listed</option>
          <option value="hidden">Hidden: no product is listed</option>
        </SelectField>
        <button type="submit" className="button" disabled={pending}>
          Save store
        </button>
        {saved ? (
          <StatusMessage>
            <p>Store saved</p>
          </StatusMessage>
        ) : null}
      </form>
      <ReturnPolicySection />
    </>
  );
}
