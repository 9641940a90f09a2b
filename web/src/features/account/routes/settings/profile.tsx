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
        label="Display name"
        name="displayName"
        maxLength={80}
        autoComplete="nickname"
        value={values.displayName}
        onChange={(event) => edit('displayName', event.target.value)}
        hint="Shown to other people on Souk."
        required
        error={error?.fields.displayName}
      />
      <TextField
        label="Phone"
        name="phone"
        maxLength={32}
        type="tel"
        autoComplete="tel"
        value={values.phone}
        onChange={(event) => edit('phone', event.target.value)}
        hint="Optional. Include the country code, for example +44 20 7946 0958."
        error={error?.fields.phone}
      />
      <SelectField
        label="Country"
        name="country"
        autoComplete="country"
        value={values.country}
        onChange={(event) => edit('country', event.target.value)}
        hint="Optional."
        error={error?.fields.country}
      >
        <option value="">Not set</option>
        {isListed(values.country) ? null : <option value={values.country}>{values.country}</option>}
        {listCountries().map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button" disabled={pending}>
        Save profile
      </button>
      {saved ? (
        <StatusMessage>
          <p>Profile saved</p>
        </StatusMessage>
      ) : null}
    </form>
  );
}

export function SettingsProfilePage() {
  usePageTitle('Edit profile');
  const { state } = useMe();
  if (state.status !== 'signed-in') return null;

  return (
    <>
      <h1>Edit profile</h1>
      <section aria-labelledby="profile-heading" className="section">
        <h2 id="profile-heading" className="visually-hidden">
          Profile
        </h2>
        <ProfileForm me={state.me} />
      </section>
      <section aria-labelledby="email-heading" className="section">
        <h2 id="email-heading">Email address</h2>
        <EmailChangeForm currentEmail={state.me.email} />
      </section>
      <section aria-labelledby="delete-heading" className="section section-danger">
        <h2 id="delete-heading">Delete your account</h2>
        <p className="muted">See exactly what will be erased and what is kept before you decide.</p>
        <p>
          <Link to="/account/delete" className="link-danger">
            Delete account
          </Link>
        </p>
      </section>
    </>
  );
}
