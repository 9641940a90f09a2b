// Management → Deletion requests: the queue by due date (overdue ones stand out), process now,
// hold for a legal reason, release, resolve what the erasure's verification found; and
// Management → Why people leave.
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formText, SelectField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { deletionsApi, type DeletionRequest, type ProcessOutcome } from '../api.ts';
import { formatDate, formatDateTime, pluralize } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { DeletionCertificate } from '../components/deletion-certificate.tsx';
import { DeletionFindings } from '../components/deletion-findings.tsx';

const HOLD_REASONS = [
  { value: 'open_chargeback', label: 'Open chargeback or payment dispute' },
  { value: 'legal_request', label: 'Court or authority request to keep the data' },
  { value: 'fraud_investigation', label: 'Fraud investigation' },
];

const STATUS_LABELS: Record<DeletionRequest['status'], string> = {
  received: 'Received',
  processing: 'Processing',
  completed: 'Completed',
  needs_attention: 'Needs attention',
  cancelled: 'Cancelled',
};

const FILTERS = [
  { key: 'open', label: 'Open' },
  { key: 'completed', label: 'Completed' },
  { key: 'cancelled', label: 'Cancelled' },
  { key: 'all', label: 'All' },
] as const;

const PROCESSED: Record<ProcessOutcome, (next: DeletionRequest) => string> = {
  completed: () => 'Erasure completed; certificate issued.',
  needs_attention: (next) => `Still needs attention: ${pluralize(next.findings.filter((f) => f.status === 'open').length, 'open finding', 'open findings')}.`,
  skipped: () => 'Another worker is processing this request; try again in a minute.',
};

/** The outcome of the last action on a request, shown in its card, or above the list once the card has left it. */
type Feedback = { id: string; reference: string; filter: string; message: string; seq: number };

function timeLeft(seconds: number): string {
  const days = Math.floor(Math.abs(seconds) / 86400);
  const hours = Math.floor((Math.abs(seconds) % 86400) / 3600);
  const text = days > 0 ? `${pluralize(days, 'day', 'days')} ${pluralize(hours, 'hour', 'hours')}` : pluralize(hours, 'hour', 'hours');
  return seconds < 0 ? `Overdue by ${text}` : `${text} left`;
}

/** A status message that takes focus when it appears, so keyboard users are not left on a button that vanished. */
function FocusedStatus({ message }: { message: string }) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => region.current?.focus(), []);
  return (
    <div ref={region} tabIndex={-1} className="deletion-feedback">
      <StatusMessage>{message}</StatusMessage>
    </div>
  );
}

type CardProps = { item: DeletionRequest; feedback: Feedback | null; onDone: (next: DeletionRequest, message: string) => void };

function RequestCard({ item, feedback, onDone }: CardProps) {
  const { pending, error, run } = useRequest();
  const [confirming, setConfirming] = useState(false);
  const pendingRequest = item.status === 'received' || item.status === 'needs_attention';

  async function act<T extends DeletionRequest>(send: () => Promise<T>, message: (next: T) => string) {
    const outcome = await run(send);
    if (outcome.ok) {
      setConfirming(false);
      onDone(outcome.value, message(outcome.value));
    }
  }

  async function onHold(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = formText(event.currentTarget, 'reason');
    await act(() => deletionsApi.hold(item.id, reason), () => 'The request is on hold; the person was told why by mail.');
  }

  return (
    <li className={`card deletion-request${item.overdue ? ' deletion-overdue' : ''}`} aria-labelledby={`del-${item.id}`}>
      <h2 id={`del-${item.id}`} className="card-title">
        {item.reference}
      </h2>
      <p>
        <span className="badge">{STATUS_LABELS[item.status]}</span>
        {item.overdue ? <strong className="overdue-flag"> Overdue</strong> : null}
      </p>
      <dl className="deletion-facts">
        <div>
          <dt>Received</dt>
          <dd>{formatDateTime(new Date(item.receivedAt))}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {formatDate(new Date(item.dueAt))}
            {pendingRequest ? ` (${timeLeft(item.secondsLeft)})` : ''}
          </dd>
        </div>
        {pendingRequest ? (
          <div>
            <dt>Processed automatically</dt>
            <dd>{item.holdReason ? 'Not while on hold' : formatDateTime(new Date(item.processAfter))}</dd>
          </div>
        ) : null}
        {item.completedAt ? (
          <div>
            <dt>Completed</dt>
            <dd>{formatDateTime(new Date(item.completedAt))}</dd>
          </div>
        ) : null}
      </dl>
      {item.holdLabel ? <p className="notice notice-warning">On hold: {item.holdLabel}</p> : null}
      {item.attention ? <p className="notice notice-error">{item.attention}</p> : null}
      {item.status !== 'completed' && item.findings.length > 0 ? (
        <DeletionFindings request={item} actionable={item.status === 'needs_attention' && !item.holdReason} onDone={onDone} />
      ) : null}
      {item.certificate?.scan ? <DeletionCertificate certificate={{ ...item.certificate, scan: item.certificate.scan }} /> : null}
      <ErrorAlert error={error} />
      {feedback !== null ? <FocusedStatus key={feedback.seq} message={feedback.message} /> : null}
      {pendingRequest && !item.holdReason ? (
        <div className="deletion-actions">
          {confirming ? (
            <>
              <p>Erase this account now? This cannot be undone.</p>
              <div className="button-row">
                <button type="button" className="button button-danger-solid" disabled={pending} onClick={() => void act(() => deletionsApi.process(item.id), (next) => PROCESSED[next.outcome](next))}>
                  Erase now
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              Process now
            </button>
          )}
          <form className="deletion-hold" onSubmit={onHold}>
            <SelectField label="Legal reason to hold" name="reason" defaultValue={HOLD_REASONS[0]!.value}>
              {HOLD_REASONS.map((h) => (
                <option key={h.value} value={h.value}>
                  {h.label}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button button-secondary" disabled={pending}>
              Put on hold
            </button>
          </form>
        </div>
      ) : null}
      {item.holdReason ? (
        <button type="button" className="button button-secondary" disabled={pending} onClick={() => void act(() => deletionsApi.release(item.id), () => 'Hold released.')}>
          Release the hold
        </button>
      ) : null}
    </li>
  );
}

export function AdminDeletionsPage() {
  usePageTitle('Deletion requests');
  const [params] = useSearchParams();
  const filter = FILTERS.find((f) => f.key === params.get('status')) ?? FILTERS[0];
  const [version, setVersion] = useState(0);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const { state, retry } = useLoad(`${filter.key}:${version}`, (signal) => deletionsApi.list(filter.key, signal));
  // While the list reloads after an action, the previous one stays on screen: each card keeps its
  // place, its focus and its feedback.
  const list = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  const current = feedback !== null && feedback.filter === filter.key ? feedback : null;
  // A request that leaves this list (completed, say) has its feedback shown above the list instead.
  const departed = current !== null && list !== undefined && !list.items.some((i) => i.id === current.id) ? current : null;

  function onDone(next: DeletionRequest, message: string) {
    // A new seq shows the message afresh even when it repeats the last one (processing twice).
    setFeedback((last) => ({ id: next.id, reference: next.reference, filter: filter.key, message, seq: (last?.seq ?? 0) + 1 }));
    setVersion((v) => v + 1);
  }

  return (
    <>
      <h1 tabIndex={-1}>Deletion requests</h1>
      <nav aria-label="Filter deletion requests" className="status-filter">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.key}>
              <Link to={f.key === 'open' ? '/admin/deletions' : `/admin/deletions?status=${f.key}`} aria-current={f.key === filter.key ? 'page' : undefined}>
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {departed !== null ? <FocusedStatus key={departed.seq} message={`${departed.reference}: ${departed.message}`} /> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what="the deletion requests" onRetry={retry} /> : null}
      {list === undefined && state.status === 'loading' ? <Loading>Loading deletion requests…</Loading> : null}
      {list !== undefined ? (
        list.items.length === 0 ? (
          <p>No requests here.</p>
        ) : (
          <ul className="card-list" aria-label="Deletion requests">
            {list.items.map((item) => (
              <RequestCard key={item.id} item={item} feedback={current?.id === item.id ? current : null} onDone={onDone} />
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}

export function AdminLeavingInsightsPage() {
  usePageTitle('Why people leave');
  const { state, retry } = useLoad('insights', deletionsApi.insights);
  if (state.status === 'failed') return <LoadError error={state.error} what="the reasons" onRetry={retry} />;
  if (state.status !== 'loaded') return <Loading>Loading…</Loading>;
  const { weeks, reasons, comments } = state.data;
  const max = Math.max(1, ...weeks.map((w) => w.total));
  return (
    <>
      <h1 tabIndex={-1}>Why people leave</h1>
      <p className="muted">Reasons given when deleting an account, stored with no link to anyone (only the week).</p>
      <section className="section" aria-labelledby="shares-heading">
        <h2 id="shares-heading">Share of each reason</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Requests</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={r.reason}>
                <th scope="row">{r.label}</th>
                <td>{r.count}</td>
                <td>
                  <span className="bar" style={{ width: `${Math.round(r.share * 100)}%` }} aria-hidden="true" /> {Math.round(r.share * 100)}%
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="section" aria-labelledby="weeks-heading">
        <h2 id="weeks-heading">Per week</h2>
        {weeks.length === 0 ? (
          <p>No reasons given in the last 26 weeks.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Reasons given</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{formatDate(new Date(`${w.week}T00:00:00`))}</th>
                  <td>
                    <span className="bar" style={{ width: `${Math.round((w.total / max) * 100)}%` }} aria-hidden="true" /> {w.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="section" aria-labelledby="comments-heading">
        <h2 id="comments-heading">Comments</h2>
        {comments.length === 0 ? (
          <p>No comments.</p>
        ) : (
          <ul className="card-list">
            {comments.map((c, i) => (
              <li key={i} className="card">
                <p className="muted">
                  Week of {formatDate(new Date(`${c.week}T00:00:00`))} · {reasons.find((r) => r.reason === c.reason)?.label ?? 'No reason given'}
                </p>
                <p>{c.comment}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
