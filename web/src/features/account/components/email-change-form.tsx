import { useState, type SubmitEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { accountApi } from '../api.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { useRequest } from '../../../lib/use-request.ts';

const FIELDS = ['newEmail', 'currentPassword'] as const;

/** Asks for a new address and the password; the change happens when the link mailed to it is opened. */
export function EmailChangeForm({ currentEmail }: { currentEmail: string }) {
  const { t } = useTranslation('account');
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
        <Trans
          t={t}
          i18nKey="emailChange.current"
          values={{ email: currentEmail }}
          components={{ strong: <strong /> }}
        />
      </p>
      <form className="form" onSubmit={onSubmit}>
        <ErrorAlert error={error} formFields={FIELDS} />
        <TextField
          label={t('emailChange.newEmail')}
          name="newEmail"
          type="email"
          autoComplete="email"
          required
          error={error?.fields.newEmail}
        />
        <TextField
          label={t('emailChange.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={error?.fields.currentPassword}
        />
        <button type="submit" className="button" disabled={pending}>
          {t('emailChange.submit')}
        </button>
        {sentTo !== null ? (
          <StatusMessage>
            <p>{t('emailChange.sent', { current: currentEmail, next: sentTo })}</p>
          </StatusMessage>
        ) : null}
      </form>
    </>
  );
}
