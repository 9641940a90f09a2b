import { useTranslation } from 'react-i18next';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { authApi } from '../api.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

export function ForgotPasswordPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('forgot.title'));
  const { pending, error, run } = useRequest();
  const [sent, setSent] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formText(event.currentTarget, 'email').trim();
    const outcome = await run(() => authApi.requestPasswordReset(email));
    if (outcome.ok) setSent(true);
  }

  return (
    <>
      <h1>{t('forgot.title')}</h1>
      {sent ? (
        // The same words whether or not the address has an account, so the page reveals nothing.
        <StatusMessage>
          <p>{t('forgot.sent')}</p>
        </StatusMessage>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <ErrorAlert error={error} formFields={['email']} />
          <form className="form" onSubmit={onSubmit}>
            <TextField
              label={t('fields.email')}
              name="email"
              type="email"
              autoComplete="email"
              required
              error={error?.fields.email}
            />
            <button type="submit" className="button" disabled={pending}>
              {t('forgot.send')}
            </button>
          </form>
        </>
      )}
      <p className="form-aside">
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </>
  );
}
