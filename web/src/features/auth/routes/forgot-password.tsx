import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { authApi } from '../api.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
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
      <h1>Reset your password</h1>
      {sent ? (
        // The same words whether or not the address has an account, so the page reveals nothing.
        <StatusMessage>
          <p>If an account uses this address, we have sent it a link. The link lets you choose a new password.</p>
        </StatusMessage>
      ) : (
        <>
          <p>Enter the email address you use for Souk and we will send you a link to choose a new password.</p>
          <ErrorAlert error={error} formFields={['email']} />
          <form className="form" onSubmit={onSubmit}>
            <TextField
              label="Email"
              name="email"
              type="email"
              autoComplete="email"
              required
              error={error?.fields.email}
            />
            <button type="submit" className="button" disabled={pending}>
              Send reset link
            </button>
          </form>
        </>
      )}
      <p className="form-aside">
        <Link to="/sign-in">Back to sign-in</Link>
      </p>
    </>
  );
}
