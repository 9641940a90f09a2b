import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { rememberedReturnTo } from '../return-to.ts';
import { authApi } from '../api.ts';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

export function VerifyEmailPage() {
  const { t } = useTranslation('auth');
  usePageTitle(t('verify.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useMe();
  const { pending, error, run } = useRequest();
  const [verified, setVerified] = useState(false);

  // Verification is a POST behind a button so that mail scanners opening the link change nothing.
  async function verify() {
    const outcome = await run(() => authApi.verifyEmail(token));
    if (!outcome.ok) return;
    setVerified(true);
    void refresh();
  }

  const returnTo = rememberedReturnTo();
  const signInLink = (
    <p>
      <Link to={returnTo === null ? '/sign-in' : `/sign-in?next=${encodeURIComponent(returnTo)}`}>
        {t('signIn.title')}
      </Link>
    </p>
  );
  return (
    <>
      <h1>{t('verify.title')}</h1>
      {verified ? (
        <StatusMessage>
          <p>{t('verify.verified')}</p>
          {signInLink}
        </StatusMessage>
      ) : error?.code === 'EMAIL_ALREADY_VERIFIED' ? (
        // A link opened a second time, or an older link after a newer one: nothing to do.
        <StatusMessage>
          <p>{t('verify.already')}</p>
          {signInLink}
        </StatusMessage>
      ) : token === '' ? (
        <div role="alert" className="notice notice-error">
          <p>{t('verify.invalid')}</p>
        </div>
      ) : (
        <>
          <ErrorAlert error={error} />
          <p>{t('verify.press')}</p>
          <button type="button" className="button" onClick={verify} disabled={pending}>
            {t('verify.submit')}
          </button>
        </>
      )}
    </>
  );
}
