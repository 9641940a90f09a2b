import { useState, type SubmitEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { listCountries } from '../../../lib/countries.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { sellerApi, type Store } from '../api.ts';
import '../styles.css';

const FIELDS = ['name', 'country', 'description'] as const;
const WORDING = {
  fieldMessages: {
    name: 'Enter a store name of 1 to 80 characters.',
    country: 'Choose the country your store ships from.',
    description: 'Keep the description under 2,000 characters.',
  },
};

/** Shown at /seller to an account without a store. */
export function OpenStorePage({ onOpened }: { onOpened: (store: Store) => void }) {
  usePageTitle('Open your store');
  const { state } = useMe();
  const { pending, error, run } = useRequest(WORDING);
  const [values, setValues] = useState({
    name: '',
    country: state.status === 'signed-in' ? (state.me.country ?? '') : '',
    description: '',
  });
  const edit = (name: keyof typeof values, value: string) => setValues((current) => ({ ...current, [name]: value }));

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const outcome = await run(() =>
      sellerApi.openStore({
        name: values.name.trim(),
        country: values.country,
        description: values.description.trim(),
      }),
    );
    if (outcome.ok) onOpened(outcome.value);
  }

  return (
    <>
      <h1>Open your store</h1>
      <p className="lead">Sell on Souk: name your store and say where you ship from. You can change both later.</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={error} formFields={FIELDS} />
        <TextField
          label="Store name"
          name="name"
          maxLength={80}
          required
          value={values.name}
          onChange={(e) => edit('name', e.target.value)}
          hint="Shown to buyers on every product."
          error={error?.fields.name}
        />
        <SelectField
          label="Country"
          name="country"
          required
          value={values.country}
          onChange={(e) => edit('country', e.target.value)}
          hint="Where your store is based."
          error={error?.fields.country}
        >
          <option value="">Choose a country</option>
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
          hint="Optional. What you sell, in a sentence or two."
          error={error?.fields.description}
        />
        <button type="submit" className="button" disabled={pending}>
          Open store
        </button>
      </form>
    </>
  );
}
