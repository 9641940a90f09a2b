import { useState, type SubmitEvent } from 'react';
import { accountApi } from '../../api.ts';
import { CheckboxField, formText, TextField } from '../../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../../components/alerts.tsx';
import { usePageTitle } from '../../../../lib/use-page-title.ts';
import { useRequest } from '../../../../lib/use-request.ts';
import '../../styles.css';

const FIELDS = ['currentPassword', 'newPassword'] as const;
const CODE_FIELDS = {
  INVALID_PASSWORD: 'currentPassword',
  PASSWORD_TOO_SHORT: 'newPassword',
  PASSWORD_TOO_LONG: 'newPassword',
  PASSWORD_TOO_COMMON: 'newPassword',
};

export function SettingsPasswordPage() {
  usePageTitle('Password');
  const { pending, error, run } = useRequest({ codeFields: CODE_FIELDS });
  const [changed, setChanged] = useState<{ othersSignedOut: boolean } | null>(null);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(null);
    const form = event.currentTarget;
    const input = {
      currentPassword: formText(form, 'currentPassword'),
      newPassword: formText(form, 'newPassword'),
      revokeOtherSessions: new FormData(form).has('revokeOtherSessions'),
    };
    const outcome = await run(() => accountApi.changePassword(input));
    if (!outcome.ok) return;
    form.reset();
    setChanged({ othersSignedOut: input.revokeOtherSessions });
  }

  return (
    <>
      <h1>Password</h1>
      <form className="form" onSubmit={onSubmit}>
        <ErrorAlert error={error} formFields={FIELDS} />
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={error?.fields.currentPassword}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint="8–128 characters."
          required
          error={error?.fields.newPassword}
        />
        <CheckboxField
          label="Sign out of other devices"
          name="revokeOtherSessions"
          defaultChecked
          hint="Recommended if you think someone else knows your old password. This device stays signed in."
        />
        <button type="submit" className="button" disabled={pending}>
          Change password
        </button>
        {changed !== null ? (
          <StatusMessage>
            <p>Password changed</p>
            {changed.othersSignedOut ? <p>Your other devices were signed out.</p> : null}
          </StatusMessage>
        ) : null}
      </form>
    </>
  );
}
