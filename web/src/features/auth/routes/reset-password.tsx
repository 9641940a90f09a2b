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
  usePageTitle('Choose a new password');
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
        <h1>Choose a new password</h1>
        <StatusMessage>
          <p>Your password has been changed. Every session was signed out.</p>
          <p>
            <Link to="/sign-in">Sign in</Link>
          </p>
        </StatusMessage>
      </>
    );
  }

  return (
    <>
      <h1>Choose a new password</h1>
      {token === '' ? (
        <div role="alert" className="notice notice-error">
          <p>This link is invalid or has expired.</p>
        </div>
      ) : (
        <ErrorAlert error={error} formFields={['password']} />
      )}
      {token === '' || error?.code === 'TOKEN_INVALID' ? (
        <p>
          <Link to="/forgot-password">Request a new link</Link>
        </p>
      ) : null}
      <form className="form" onSubmit={onSubmit}>
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="8–128 characters."
          required
          error={error?.fields.password}
        />
        <button type="submit" className="button" disabled={pending || token === ''}>
          Set new password
        </button>
      </form>
    </>
  );
}
