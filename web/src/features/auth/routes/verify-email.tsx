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
  usePageTitle('Verify your email');
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
      <Link to={returnTo === null ? '/sign-in' : `/sign-in?next=${encodeURIComponent(returnTo)}`}>Sign in</Link>
    </p>
  );
  return (
    <>
      <h1>Verify your email</h1>
      {verified ? (
        <StatusMessage>
          <p>Your email is verified. You can now sign in to Souk.</p>
          {signInLink}
        </StatusMessage>
      ) : error?.code === 'EMAIL_ALREADY_VERIFIED' ? (
        // A link opened a second time, or an older link after a newer one: nothing to do.
        <StatusMessage>
          <p>This email address is already verified. You can sign in to Souk.</p>
          {signInLink}
        </StatusMessage>
      ) : token === '' ? (
        <div role="alert" className="notice notice-error">
          <p>
            This link is invalid or has expired. Open the link from your email again, or copy all of it into the address
            bar.
          </p>
        </div>
      ) : (
        <>
          <ErrorAlert error={error} />
          <p>Press the button to confirm that this email address is yours.</p>
          <button type="button" className="button" onClick={verify} disabled={pending}>
            Verify my email
          </button>
        </>
      )}
    </>
  );
}
