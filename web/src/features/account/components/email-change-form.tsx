import { useState, type SubmitEvent } from 'react';
import { accountApi } from '../api.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { useRequest } from '../../../lib/use-request.ts';

const FIELDS = ['newEmail', 'currentPassword'] as const;

/** Asks for a new address and the password; the change happens when the link mailed to it is opened. */
export function EmailChangeForm({ currentEmail }: { currentEmail: string }) {
  const { pending, error, run } = useRequest({
    codeFields: { INVALID_PASSWORD: 'currentPassword', SAME_EMAIL: 'newEmail', EMAIL_UNAVAILABLE: 'newEmail' },
  });
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSentTo(null);
    const form = event.currentTarget;
    const input = { newEmail: formText(form, 'newEmail').trim(), currentPassword: formText(form, 'currentPassword') };
    const outcome = await run(() => accountApi.requestEmailChange(input));
    if (!outcome.ok) return;
    form.reset();
    setSentTo(input.newEmail);
  }

  return (
    <>
      <p>
        Your current email address is <strong>{currentEmail}</strong>.
      </p>
      <form className="form" onSubmit={onSubmit}>
        <ErrorAlert error={error} formFields={FIELDS} />
        <TextField
          label="New email address"
          name="newEmail"
          type="email"
          autoComplete="email"
          required
          error={error?.fields.newEmail}
        />
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={error?.fields.currentPassword}
        />
        <button type="submit" className="button" disabled={pending}>
          Change email
        </button>
        {sentTo !== null ? (
          <StatusMessage>
            <p>
              We sent a confirmation link to the new address. Your email stays {currentEmail} until you open the link
              sent to {sentTo}.
            </p>
          </StatusMessage>
        ) : null}
      </form>
    </>
  );
}
