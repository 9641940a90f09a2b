import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useState, type SubmitEvent } from 'react';
import type { Me } from '../../../../lib/me-context.tsx';
import { accountApi } from '../../api.ts';
import { EmailChangeForm } from '../../components/email-change-form.tsx';
import { SelectField, TextField } from '../../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../../components/alerts.tsx';
import { useMe } from '../../../../lib/me-context.tsx';
import { listCountries } from '../../../../lib/countries.ts';
import { usePageTitle } from '../../../../lib/use-page-title.ts';
import { useRequest } from '../../../../lib/use-request.ts';
import '../../styles.css';

const FIELDS = ['displayName', 'phone', 'country'] as const;

type ProfileValues = { displayName: string; phone: string; country: string };

function valuesOf(me: Me): ProfileValues {
  return { displayName: me.displayName, phone: me.phone ?? '', country: me.country ?? '' };
}

/** A code the server holds but the list lacks (say, a user-assigned one) must still show as selected. */
function isListed(code: string): boolean {
  return code === '' || listCountries().some((country) => country.code === code);
}

function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation('account');
  const { setMe } = useMe();
  const { pending, error, run } = useRequest();
  const [values, setValues] = useState(() => valuesOf(me));
  const [saved, setSaved] = useState(false);

  function edit(name: keyof ProfileValues, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
    setSaved(false);
  }

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const phone = values.phone.trim();
    const input = {
      displayName: values.displayName.trim(),
      phone: phone === '' ? null : phone,
      country: values.country === '' ? null : values.country,
    };
    const outcome = await run(() => accountApi.updateProfile(input));
    if (!outcome.ok) return;
    // Show what the server stored, which may be normalised (trimmed, reformatted).
    setMe(outcome.value);
    setValues(valuesOf(outcome.value));
    setSaved(true);
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <ErrorAlert error={error} formFields={FIELDS} />
      <TextField
        label={t('profile.displayName')}
        name="displayName"
        maxLength={80}
        autoComplete="nickname"
        value={values.displayName}
        onChange={(event) => edit('displayName', event.target.value)}
        hint={t('profile.displayNameHint')}
        required
        error={error?.fields.displayName}
      />
      <TextField
        label={t('profile.phone')}
        name="phone"
        maxLength={32}
        type="tel"
        autoComplete="tel"
        value={values.phone}
        onChange={(event) => edit('phone', event.target.value)}
        hint={t('profile.phoneHint')}
        error={error?.fields.phone}
      />
      <SelectField
        label={t('profile.country')}
        name="country"
        autoComplete="country"
        value={values.country}
        onChange={(event) => edit('country', event.target.value)}
        hint={t('profile.optional')}
        error={error?.fields.country}
      >
        <option value="">{t('profile.notSet')}</option>
        {isListed(values.country) ? null : <option value={values.country}>{values.country}</option>}
        {listCountries().map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button" disabled={pending}>
        {t('profile.save')}
      </button>
      {saved ? (
        <StatusMessage>
          <p>{t('profile.saved')}</p>
        </StatusMessage>
      ) : null}
    </form>
  );
}

export function SettingsProfilePage() {
  const { t } = useTranslation('account');
  usePageTitle(t('profile.title'));
  const { state } = useMe();
  if (state.status !== 'signed-in') return null;

  return (
    <>
      <h1>{t('profile.title')}</h1>
      <section aria-labelledby="profile-heading" className="section">
        <h2 id="profile-heading" className="visually-hidden">
          {t('profile.heading')}
        </h2>
        <ProfileForm me={state.me} />
      </section>
      <section aria-labelledby="email-heading" className="section">
        <h2 id="email-heading">{t('profile.emailHeading')}</h2>
        <EmailChangeForm currentEmail={state.me.email} />
      </section>
      <section aria-labelledby="delete-heading" className="section section-danger">
        <h2 id="delete-heading">{t('profile.deleteHeading')}</h2>
        <p className="muted">{t('profile.deleteHint')}</p>
        <p>
          <Link to="/account/delete" className="link-danger">
            {t('profile.deleteLink')}
          </Link>
        </p>
      </section>
    </>
  );
}
