import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
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

const valuesOf = (store: Store) => ({
  name: store.name,
  country: store.country,
  description: store.description,
  status: store.status === 'hidden' ? 'hidden' : 'active',
});

export function SellerStorePage() {
  const { t } = useTranslation('seller');
  usePageTitle(t('storeSettings.title'));
  const { store, setStore } = useSeller();
  const { pending, error, run } = useRequest({
    fieldMessages: {
      name: t('storeSettings.nameError'),
      country: t('storeSettings.countryError'),
      description: t('storeSettings.descriptionError'),
    },
  });
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
      <h1>{t('storeSettings.title')}</h1>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={error} formFields={FIELDS} />
        <TextField
          label={t('storeSettings.storeName')}
          name="name"
          maxLength={80}
          required
          value={values.name}
          onChange={(e) => edit('name', e.target.value)}
          error={error?.fields.name}
        />
        <SelectField
          label={t('storeSettings.country')}
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
          label={t('storeSettings.description')}
          name="description"
          rows={4}
          maxLength={2000}
          value={values.description}
          onChange={(e) => edit('description', e.target.value)}
          hint={t('storeSettings.descriptionHint')}
          error={error?.fields.description}
        />
        <SelectField
          label={t('storeSettings.visibility')}
          name="status"
          value={values.status}
          onChange={(e) => edit('status', e.target.value)}
          hint={t('storeSettings.visibilityHint')}
          error={error?.fields.status}
        >
          <option value="active">{t('storeSettings.open')}</option>
          <option value="hidden">{t('storeSettings.hidden')}</option>
        </SelectField>
        <button type="submit" className="button" disabled={pending}>
          {t('storeSettings.save')}
        </button>
        {saved ? (
          <StatusMessage>
            <p>{t('storeSettings.saved')}</p>
          </StatusMessage>
        ) : null}
      </form>
      <ReturnPolicySection />
    </>
  );
}
