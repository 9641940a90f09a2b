import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField, TextField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { listCountries } from '../../../lib/countries.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { sellerApi, type Store } from '../api.ts';
import '../styles.css';

const FIELDS = ['name', 'country', 'description'] as const;

/** Shown at /seller to an account without a store. */
export function OpenStorePage({ onOpened }: { onOpened: (store: Store) => void }) {
  const { t } = useTranslation('seller');
  usePageTitle(t('openStore.title'));
  const { state } = useMe();
  const { pending, error, run } = useRequest({
    fieldMessages: {
      name: t('openStore.nameError'),
      country: t('openStore.countryError'),
      description: t('openStore.descriptionError'),
    },
  });
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
      <h1>{t('openStore.title')}</h1>
      <p className="lead">{t('openStore.lead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={error} formFields={FIELDS} />
        <TextField
          label={t('openStore.storeName')}
          name="name"
          maxLength={80}
          required
          value={values.name}
          onChange={(e) => edit('name', e.target.value)}
          hint={t('openStore.storeNameHint')}
          error={error?.fields.name}
        />
        <SelectField
          label={t('openStore.country')}
          name="country"
          required
          value={values.country}
          onChange={(e) => edit('country', e.target.value)}
          hint={t('openStore.countryHint')}
          error={error?.fields.country}
        >
          <option value="">{t('openStore.chooseCountry')}</option>
          {listCountries().map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('openStore.description')}
          name="description"
          rows={4}
          maxLength={2000}
          value={values.description}
          onChange={(e) => edit('description', e.target.value)}
          hint={t('openStore.descriptionHint')}
          error={error?.fields.description}
        />
        <button type="submit" className="button" disabled={pending}>
          {t('openStore.submit')}
        </button>
      </form>
    </>
  );
}
