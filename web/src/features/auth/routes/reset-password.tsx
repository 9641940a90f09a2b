import { useTranslation } from 'react-i18next';
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { authApi } from '../api.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

const PASSWORD_CODES = {
  PASSWORD_TOO_SHORT: 'password',
  PASSWORD_TOO_LONG: 'password',
  PASSWORD_TOO_COMMON: 'password',
};

export function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useMe();
  const { pending, error, run } = useRequest({ codeFields: PASSWORD_CODES });
  const [changed, setChanged] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = formText(event.currentTarget, 'password');
    const outcome = await run(() => authApi.resetPassword({ token, password }));
    if (!outcome.ok) return;
    setChanged(true);
    // Every session ended, including this browser's if it had one.
    void refresh();
  }

  if (changed) {
    return (
      <>
        <h1>{t('reset.title')}</h1>
        <StatusMessage>
          <p>{t('reset.changed')}</p>
          <p>
            <Link to="/sign-in">{t('signIn.title')}</Link>
          </p>
        </StatusMessage>
      </>
    );
  }

  return (
    <>
      <h1>{t('reset.title')}</h1>
      {token === '' ? (
        <div role="alert" className="notice notice-error">
          <p>{t('errors:fields.token')}</p>
        </div>
      ) : (
        <ErrorAlert error={error} formFields={['password']} />
      )}
      {token === '' || error?.code === 'TOKEN_INVALID' ? (
        <p>
          <Link to="/forgot-password">{t('reset.newLink')}</Link>
        </p>
      ) : null}
      <form className="form" onSubmit={onSubmit}>
        <TextField
          label={t('reset.newPassword')}
          name="password"
          type="password"
          autoComplete="new-password"
          hint={t('reset.hint')}
          required
          error={error?.fields.password}
        />
        <button type="submit" className="button" disabled={pending || token === ''}>
          {t('reset.submit')}
        </button>
      </form>
    </>
  );
}
