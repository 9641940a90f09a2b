import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { accountApi } from '../api.ts';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

export function ConfirmEmailPage() {
  usePageTitle('Confirm your new email');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { refresh } = useMe();
  const { pending, error, run } = useRequest();
  const [confirmed, setConfirmed] = useState(false);

  // A POST behind a button, like email verification, so link scanners change nothing.
  async function confirm() {
    const outcome = await run(() => accountApi.confirmEmailChange(token));
    if (!outcome.ok) return;
    setConfirmed(true);
    void refresh();
  }

  return (
    <>
      <h1>Confirm your new email</h1>
      {confirmed ? (
        <StatusMessage>
          <p>Your email address has been changed. Use the new address the next time you sign in.</p>
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
          <p>Press the button to make this your new email address on Souk.</p>
          <button type="button" className="button" onClick={confirm} disabled={pending}>
            Confirm new email
          </button>
        </>
      )}
    </>
  );
}
