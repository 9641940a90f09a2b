import { useState, type SubmitEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { CheckboxField, SelectField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { formatDate, formatDateTime, pluralize } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { deletionApi, isLeavingReason, type DeletionPreview as Preview } from '../api.ts';
import '../styles.css';

const ERROR_WORDING = {
  codeFields: { CONFIRM_EMAIL_MISMATCH: 'confirmEmail', INVALID_PASSWORD: 'password' },
  fieldMessages: {
    confirmEmail: 'Type the email address of this account.',
    comment: 'Keep the comment under 2,000 characters.',
  },
};

function Consequences({ preview }: { preview: Preview }) {
  const { erased } = preview;
  return (
    <>
      <section className="section" aria-labelledby="erased-heading">
        <h2 id="erased-heading">What will be erased</h2>
        <ul className="consequences">
          <li>Your profile: name, email address, phone and country.</li>
          <li>
            {pluralize(erased.posts.reviews + erased.posts.questions + erased.posts.answers, 'post', 'posts')} (
            {pluralize(erased.posts.reviews, 'review', 'reviews')},{' '}
            {pluralize(erased.posts.questions, 'question', 'questions')},{' '}
            {pluralize(erased.posts.answers, 'answer', 'answers')}, {pluralize(erased.posts.photos, 'photo', 'photos')}
            ).
          </li>
          <li>
            {pluralize(erased.messages, 'message', 'messages')} you sent: they disappear from the other side's
            conversations too, which only say that a message from a deleted account was removed.
          </li>
          <li>
            {pluralize(erased.savedCards, 'saved card', 'saved cards')} and{' '}
            {pluralize(erased.addresses, 'saved address', 'saved addresses')}.
          </li>
          <li>Your cart, your notification settings and every session on every device.</li>
          {erased.store !== null ? (
            <li>Your store “{erased.store.name}”: it is closed and its listings disappear; its photos are deleted.</li>
          ) : null}
        </ul>
      </section>
      <section className="section" aria-labelledby="kept-heading">
        <h2 id="kept-heading">What is kept, and why</h2>
        <p>
          The law requires shops to keep sales records. Your orders are kept for {preview.retentionYears} years as
          anonymous accounting records: items, prices, dates and the destination country, without your name, address or
          any link to you.
        </p>
        {preview.keptOrders.length > 0 ? (
          <>
            <p>
              <strong>Save these tracking numbers</strong>: tracking keeps working at <Link to="/track">/track</Link>{' '}
              without an account.
            </p>
            <ul className="card-list">
              {preview.keptOrders.map((o) => (
                <li key={o.id} className="card">
                  Order {o.number} from {o.storeName}, {formatDate(new Date(o.placedAt))}
                  {o.trackingNumber !== null ? (
                    <>
                      {' '}
                      · tracking number{' '}
                      <Link to={`/track/${encodeURIComponent(o.trackingNumber)}`}>{o.trackingNumber}</Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>You have no orders, so nothing is kept.</p>
        )}
        <p>
          <Link to="/privacy/data">What Souk keeps and why</Link>, for every kind of data, and what deletion does to
          each.
        </p>
      </section>
      <section className="section" aria-labelledby="after-heading">
        <h2 id="after-heading">What happens next</h2>
        <ul className="consequences">
          <li>You are signed out everywhere at once and cannot sign in again.</li>
          <li>The account cannot be recovered once it is deleted, within {preview.dueDays} days at the latest.</li>
          <li>You will receive no more emails from Souk, except the receipts of this deletion.</li>
          <li>You may sign up again later with the same email address, as a brand-new account.</li>
        </ul>
        <p>
          <a href="/api/account/export" className="button button-secondary" download>
            Download your data
          </a>{' '}
          <span className="muted">A JSON file of everything Souk holds about you.</span>
        </p>
      </section>
    </>
  );
}

function DeletionForm({
  preview,
  onDone,
}: {
  preview: Preview;
  onDone: (result: { reference: string; dueAt: string }) => void;
}) {
  const { pending, error, run } = useRequest(ERROR_WORDING);
  const [understood, setUnderstood] = useState(false);
  const blocked = preview.blockers.length > 0;

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' ? v : '';
    };
    const reason = text('reason');
    const outcome = await run(() =>
      deletionApi.request({
        confirmEmail: text('confirmEmail'),
        ...(preview.passwordRequired ? { password: text('password') } : {}),
        ...(isLeavingReason(reason) ? { reason } : {}),
        ...(text('comment').trim() !== '' ? { comment: text('comment') } : {}),
      }),
    );
    if (outcome.ok) onDone(outcome.value);
  }

  return (
    <section className="section" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">Confirm</h2>
      {blocked ? (
        <div role="alert" className="notice notice-error" id="blocked-reason">
          <p>Before you can delete your account, please settle these:</p>
          <ul>
            {preview.blockers.map((b) => (
              <li key={b.id}>
                <Link to={b.url}>{b.label}</Link> {b.howToClear}
              </li>
            ))}
          </ul>
          <p>Orders that have already shipped do not stop you.</p>
        </div>
      ) : null}
      <ErrorAlert error={error} formFields={['confirmEmail', 'password', 'reason', 'comment']} />
      <form className="form" onSubmit={onSubmit}>
        {preview.passwordRequired ? (
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={error?.fields.password}
          />
        ) : null}
        <TextField
          label="Confirm your email address"
          name="confirmEmail"
          type="email"
          autoComplete="off"
          hint={`Type ${preview.email} to confirm.`}
          required
          error={error?.fields.confirmEmail}
        />
        <SelectField label="Why are you leaving? (optional)" name="reason" defaultValue="" error={error?.fields.reason}>
          <option value="">Choose a reason</option>
          {preview.reasons.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor="leaving-comment">Comment (optional)</label>
          <p className="field-hint" id="leaving-comment-hint">
            Kept as anonymous feedback, apart from your account.
          </p>
          <textarea
            id="leaving-comment"
            name="comment"
            rows={3}
            maxLength={2000}
            aria-describedby="leaving-comment-hint"
          />
        </div>
        <CheckboxField
          label="I understand that my account will be deleted and cannot be recovered."
          name="understood"
          checked={understood}
          onChange={(e) => setUnderstood(e.target.checked)}
        />
        <button
          type="submit"
          className="button button-danger-solid"
          disabled={pending || blocked || !understood}
          aria-describedby={blocked ? 'blocked-reason' : undefined}
        >
          Deactivate my account
        </button>
      </form>
    </section>
  );
}

export function DeleteAccountPage() {
  usePageTitle('Delete your account');
  const { state: me, refresh } = useMe();
  const { state, retry } = useLoad('deletion', deletionApi.preview);
  const [done, setDone] = useState<{ reference: string; dueAt: string } | null>(null);

  if (done !== null) {
    return (
      <>
        <h1>Delete your account</h1>
        <StatusMessage>
          <p>
            <strong>We received your request.</strong> Your account is deactivated and you have been signed out
            everywhere.
          </p>
          <p>
            Reference: <strong>{done.reference}</strong>. The deletion will be complete by{' '}
            {formatDateTime(new Date(done.dueAt))}. A receipt with the same reference is on its way to your email.
          </p>
        </StatusMessage>
        <p>
          <Link to="/">Back to Souk</Link>
        </p>
      </>
    );
  }
  if (me.status === 'signed-out') return <Navigate to="/sign-in?next=%2Faccount%2Fdelete" replace />;
  return (
    <>
      <h1>Delete your account</h1>
      {me.status === 'signed-in' ? (
        <p className="lead">Here is what deleting the account {me.me.email} means, for you in particular.</p>
      ) : null}
      {state.status === 'loaded' ? (
        <>
          <Consequences preview={state.data} />
          <DeletionForm
            preview={state.data}
            onDone={(result) => {
              setDone(result);
              void refresh();
            }}
          />
        </>
      ) : state.status === 'failed' ? (
        <LoadError error={state.error} what="what deletion would mean" onRetry={retry} />
      ) : (
        <Loading>Loading…</Loading>
      )}
    </>
  );
}

/** The "This wasn't me" link of the receipt mail: a page with a button (mail scanners only GET). */
export function DeletionNotMePage() {
  usePageTitle("This wasn't me");
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { pending, error, run } = useRequest();
  const [cancelled, setCancelled] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const outcome = await run(() => deletionApi.cancel(token));
    if (outcome.ok) setCancelled(true);
  }

  return (
    <>
      <h1>Stop the deletion of your account</h1>
      {cancelled ? (
        <StatusMessage>
          <p>The deletion is stopped and your account is active again.</p>
          <p>
            Because someone else may know your password, it no longer works: we sent you an email with a link to choose
            a new one.
          </p>
        </StatusMessage>
      ) : (
        <>
          <p>
            If you did not ask to delete your Souk account, stop it here. You will then choose a new password from a
            link we email you.
          </p>
          <ErrorAlert error={error} />
          <form onSubmit={onSubmit}>
            <button type="submit" className="button" disabled={pending || token === ''}>
              Stop the deletion
            </button>
          </form>
        </>
      )}
    </>
  );
}
