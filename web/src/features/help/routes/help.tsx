// The help area: a short index, and "Is my email still linked to an account?", whose screen
// says the same for every address; the answer goes by mail to the address itself.
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { helpApi } from '../api.ts';
import '../styles.css';

export function HelpPage() {
  usePageTitle('Help');
  const { state } = useMe();
  return (
    <>
      <h1>Help</h1>
      <ul className="help-links">
        <li>
          <Link to="/help/email-check">Is my email still linked to an account?</Link> Check whether an account uses an
          email address, for example after you deleted one.
        </li>
        <li>
          <Link to="/track">Track a parcel</Link> with its tracking number, with or without an account.
        </li>
        <li>
          <Link to="/forgot-password">Forgot your password?</Link> Get a link to choose a new one.
        </li>
        <li>
          {state.status === 'signed-in' ? (
            <Link to="/account/support/new">Contact support</Link>
          ) : (
            <Link to="/sign-in?next=%2Faccount%2Fsupport%2Fnew">Contact support</Link>
          )}{' '}
          about an order, a seller or your account (you need to be signed in).
        </li>
      </ul>
    </>
  );
}

export function EmailCheckPage() {
  usePageTitle('Is my email still linked to an account?');
  const { pending, error, run } = useRequest();
  const [sent, setSent] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formText(event.currentTarget, 'email').trim();
    const outcome = await run(() => helpApi.checkEmail(email));
    if (outcome.ok) setSent(true);
  }

  return (
    <>
      <h1>Is my email still linked to an account?</h1>
      {sent ? (
        // The same words for every address, so the page reveals nothing; only the mailbox learns the answer.
        <>
          <StatusMessage>
            <p>If this address belongs to an account, we have sent it a message.</p>
          </StatusMessage>
          <p>
            <button type="button" className="button button-secondary" onClick={() => setSent(false)}>
              Check another address
            </button>
          </p>
        </>
      ) : (
        <>
          <p>
            Enter an email address. We send the answer to that address only: whether a Souk account uses it or not. If
            you deleted your account, this is how you can see that it is gone.
          </p>
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
              Check this address
            </button>
          </form>
        </>
      )}
      <p className="form-aside">
        <Link to="/help">More help</Link>
      </p>
    </>
  );
}
