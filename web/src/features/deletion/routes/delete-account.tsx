import { useState, type SubmitEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { CheckboxField, SelectField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { deletionApi, isLeavingReason, type DeletionPreview as Preview } from '../api.ts';
import { blockerWording, leavingReasonWording } from '../server-wording.ts';
import '../styles.css';

function Consequences({ preview }: { preview: Preview }) {
  const { t } = useTranslation('deletion');
  const { erased } = preview;
  const { posts } = erased;
  return (
    <>
      <section className="section" aria-labelledby="erased-heading">
        <h2 id="erased-heading">{t('consequences.erasedHeading')}</h2>
        <ul className="consequences">
          <li>{t('consequences.profile')}</li>
          <li>
            {t('consequences.posts', {
              posts: t('consequences.postCount', { count: posts.reviews + posts.questions + posts.answers }),
              reviews: t('consequences.reviewCount', { count: posts.reviews }),
              questions: t('consequences.questionCount', { count: posts.questions }),
              answers: t('consequences.answerCount', { count: posts.answers }),
              photos: t('consequences.photoCount', { count: posts.photos }),
            })}
          </li>
          <li>{t('consequences.messages', { count: erased.messages })}</li>
          <li>
            {t('consequences.cardsAndAddresses', {
              cards: t('consequences.cardCount', { count: erased.savedCards }),
              addresses: t('consequences.addressCount', { count: erased.addresses }),
            })}
          </li>
          <li>{t('consequences.cartAndSessions')}</li>
          {erased.store !== null ? <li>{t('consequences.store', { name: erased.store.name })}</li> : null}
        </ul>
      </section>
      <section className="section" aria-labelledby="kept-heading">
        <h2 id="kept-heading">{t('consequences.keptHeading')}</h2>
        <p>{t('consequences.retention', { years: preview.retentionYears })}</p>
        {preview.keptOrders.length > 0 ? (
          <>
            <p>
              <Trans
                t={t}
                i18nKey="consequences.saveTracking"
                components={{ strong: <strong />, a: <Link to="/track" /> }}
              />
            </p>
            <ul className="card-list">
              {preview.keptOrders.map((o) => (
                <li key={o.id} className="card">
                  {t('consequences.keptOrder', {
                    number: o.number,
                    store: o.storeName,
                    date: formatDate(new Date(o.placedAt)),
                  })}
                  {o.trackingNumber !== null ? (
                    <>
                      {' '}
                      {t('consequences.trackingNumber')}{' '}
                      <Link to={`/track/${encodeURIComponent(o.trackingNumber)}`}>{o.trackingNumber}</Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('consequences.noOrders')}</p>
        )}
        <p>
          <Trans t={t} i18nKey="consequences.whatSoukKeeps" components={{ a: <Link to="/privacy/data" /> }} />
        </p>
      </section>
      <section className="section" aria-labelledby="after-heading">
        <h2 id="after-heading">{t('consequences.afterHeading')}</h2>
        <ul className="consequences">
          <li>{t('consequences.signedOut')}</li>
          <li>{t('consequences.noRecovery', { days: preview.dueDays })}</li>
          <li>{t('consequences.noMoreEmails')}</li>
          <li>{t('consequences.signUpAgain')}</li>
        </ul>
        <p>
          <a href="/api/account/export" className="button button-secondary" download>
            {t('consequences.download')}
          </a>{' '}
          <span className="muted">{t('consequences.downloadHint')}</span>
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
  const { t } = useTranslation('deletion');
  const { pending, error, run } = useRequest({
    codeFields: { CONFIRM_EMAIL_MISMATCH: 'confirmEmail', INVALID_PASSWORD: 'password' },
    fieldMessages: { confirmEmail: t('form.confirmEmailError'), comment: t('form.commentError') },
  });
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
      <h2 id="confirm-heading">{t('form.heading')}</h2>
      {blocked ? (
        <div role="alert" className="notice notice-error" id="blocked-reason">
          <p>{t('form.blockedIntro')}</p>
          <ul>
            {preview.blockers.map((b) => {
              const { label, howToClear } = blockerWording(t, b);
              return (
                <li key={b.id}>
                  <Link to={b.url}>{label}</Link> {howToClear}
                </li>
              );
            })}
          </ul>
          <p>{t('form.shippedDoNotBlock')}</p>
        </div>
      ) : null}
      <ErrorAlert error={error} formFields={['confirmEmail', 'password', 'reason', 'comment']} />
      <form className="form" onSubmit={onSubmit}>
        {preview.passwordRequired ? (
          <TextField
            label={t('form.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={error?.fields.password}
          />
        ) : null}
        <TextField
          label={t('form.confirmEmail')}
          name="confirmEmail"
          type="email"
          autoComplete="off"
          hint={t('form.confirmEmailHint', { email: preview.email })}
          required
          error={error?.fields.confirmEmail}
        />
        <SelectField label={t('form.reason')} name="reason" defaultValue="" error={error?.fields.reason}>
          <option value="">{t('form.chooseReason')}</option>
          {preview.reasons.map((r) => (
            <option key={r.value} value={r.value}>
              {leavingReasonWording(t, r.value, r.label)}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor="leaving-comment">{t('form.comment')}</label>
          <p className="field-hint" id="leaving-comment-hint">
            {t('form.commentHint')}
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
          label={t('form.understood')}
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
          {t('form.submit')}
        </button>
      </form>
    </section>
  );
}

export function DeleteAccountPage() {
  const { t } = useTranslation('deletion');
  usePageTitle(t('page.title'));
  const { state: me, refresh } = useMe();
  const { state, retry } = useLoad('deletion', deletionApi.preview);
  const [done, setDone] = useState<{ reference: string; dueAt: string } | null>(null);

  if (done !== null) {
    return (
      <>
        <h1>{t('page.title')}</h1>
        <StatusMessage>
          <p>
            <Trans t={t} i18nKey="page.received" components={{ strong: <strong /> }} />
          </p>
          <p>
            <Trans
              t={t}
              i18nKey="page.reference"
              values={{ reference: done.reference, date: formatDateTime(new Date(done.dueAt)) }}
              components={{ strong: <strong /> }}
            />
          </p>
        </StatusMessage>
        <p>
          <Link to="/">{t('page.backToSouk')}</Link>
        </p>
      </>
    );
  }
  if (me.status === 'signed-out') return <Navigate to="/sign-in?next=%2Faccount%2Fdelete" replace />;
  return (
    <>
      <h1>{t('page.title')}</h1>
      {me.status === 'signed-in' ? <p className="lead">{t('page.lead', { email: me.me.email })}</p> : null}
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
        <LoadError error={state.error} what={t('page.loadWhat')} onRetry={retry} />
      ) : (
        <Loading>{t('page.loading')}</Loading>
      )}
    </>
  );
}

/** The "This wasn't me" link of the receipt mail: a page with a button (mail scanners only GET). */
export function DeletionNotMePage() {
  const { t } = useTranslation('deletion');
  usePageTitle(t('notMe.title'));
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
      <h1>{t('notMe.heading')}</h1>
      {cancelled ? (
        <StatusMessage>
          <p>{t('notMe.stopped')}</p>
          <p>{t('notMe.passwordReset')}</p>
        </StatusMessage>
      ) : (
        <>
          <p>{t('notMe.intro')}</p>
          <ErrorAlert error={error} />
          <form onSubmit={onSubmit}>
            <button type="submit" className="button" disabled={pending || token === ''}>
              {t('notMe.submit')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
