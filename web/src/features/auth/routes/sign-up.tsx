import { Trans, useTranslation } from 'react-i18next';
import { useState, type SubmitEvent } from 'react';
import { useSearchParams } from 'react-router';
import { rememberReturnTo } from '../return-to.ts';
import { authApi } from '../api.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import '../styles.css';

const FIELDS = ['email', 'password', 'displayName'] as const;
const PASSWORD_CODES = {
  PASSWORD_TOO_SHORT: 'password',
  PASSWORD_TOO_LONG: 'password',
  PASSWORD_TOO_COMMON: 'password',
};

export function SignUpPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('signUp.title'));
  const { pending, error, run } = useRequest({ codeFields: PASSWORD_CODES });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [params] = useSearchParams();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = {
      email: formText(form, 'email').trim(),
      password: formText(form, 'password'),
      displayName: formText(form, 'displayName').trim(),
      // The new account's language, which its first mail (the verification) is written in.
      language: currentLanguage(),
    };
    const outcome = await run(() => authApi.signUp(input));
    if (!outcome.ok) return;
    // After verifying, signing in continues where the person was going (their checkout).
    rememberReturnTo(params.get('next'));
    setSentTo(input.email);
  }

  if (sentTo !== null) {
    return (
      <>
        <h1>{t('signUp.title')}</h1>
        <StatusMessage>
          <h2>{t('signUp.checkEmail')}</h2>
          <p>
            <Trans t={t} i18nKey="signUp.sent" values={{ email: sentTo }} components={{ strong: <strong /> }} />
          </p>
        </StatusMessage>
      </>
    );
  }

  return (
    <>
      <h1>{t('signUp.title')}</h1>
      <ErrorAlert error={error} formFields={FIELDS} />
      <form className="form" onSubmit={onSubmit}>
        <TextField
          label={t('fields.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={error?.fields.email}
        />
        <TextField
          label={t('fields.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          hint={t('signUp.passwordHint')}
          required
          error={error?.fields.password}
        />
        <TextField
          label={t('signUp.displayName')}
          name="displayName"
          maxLength={80}
          autoComplete="nickname"
          hint={t('signUp.displayNameHint')}
          required
          error={error?.fields.displayName}
        />
        <button type="submit" className="button" disabled={pending}>
          {t('signUp.title')}
        </button>
      </form>
    </>
  );
}
