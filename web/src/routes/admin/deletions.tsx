// Management → Deletion requests: the queue by due date (overdue ones stand out), process now,
// hold for a legal reason, release; and Management → Why people leave.
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { request } from '../../api.ts';
import { formText, SelectField } from '../../components/fields.tsx';
import { LoadError, Loading } from '../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../components/messages.tsx';
import { formatDate, formatDateTime, pluralize } from '../../lib/format.ts';
import { useLoad } from '../../lib/use-load.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useRequest } from '../../lib/use-request.ts';

type DeletionRequest = {
  id: string;
  reference: string;
  status: 'received' | 'processing' | 'completed' | 'needs_attention' | 'cancelled';
  receivedAt: string;
  dueAt: string;
  processAfter: string;
  secondsLeft: number;
  overdue: boolean;
  holdReason: string | null;
  holdLabel: string | null;
  attention: string | null;
  completedAt: string | null;
  certificate: { rows?: Array<{ table: string; action: string; rows: number }>; filesDeleted?: number; scan?: { clean: boolean; identifiersChecked: number; tablesScanned: number } } | null;
};

type Insights = {
  weeks: Array<{ week: string; counts: Record<string, number>; total: number }>;
  reasons: Array<{ reason: string; label: string; count: number; share: number }>;
  comments: Array<{ week: string; reason: string | null; comment: string }>;
};

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

const deletionsApi = {
  list: async (status: string, signal: AbortSignal) =>
    (await request('GET', `/api/admin/deletions?status=${encodeURIComponent(status)}`, undefined, signal)) as { items: DeletionRequest[]; total: number },
  process: async (id: string) => (await request('POST', `/api/admin/deletions/${encodeURIComponent(id)}/process`)) as DeletionRequest,
  hold: async (id: string, reason: string) => (await request('POST', `/api/admin/deletions/${encodeURIComponent(id)}/hold`, { reason })) as DeletionRequest,
  release: async (id: string) => (await request('POST', `/api/admin/deletions/${encodeURIComponent(id)}/release`)) as DeletionRequest,
  insights: async (signal: AbortSignal) => (await request('GET', '/api/admin/insights/leaving', undefined, signal)) as Insights,
};

function timeLeft(seconds: number): string {
  const days = Math.floor(Math.abs(seconds) / 86400);
  const hours = Math.floor((Math.abs(seconds) % 86400) / 3600);
  const text = days > 0 ? `${pluralize(days, 'day', 'days')} ${pluralize(hours, 'hour', 'hours')}` : pluralize(hours, 'hour', 'hours');
  return seconds < 0 ? `Overdue by ${text}` : `${text} left`;
}

function RequestCard({ item, onChange }: { item: DeletionRequest; onChange: (next: DeletionRequest) => void }) {
  const { pending, error, run } = useRequest();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const pendingRequest = item.status === 'received' || item.status === 'needs_attention';

  async function act(send: () => Promise<DeletionRequest>, message: string) {
    const outcome = await run(send);
    if (outcome.ok) {
      setDone(message);
      setConfirming(false);
      onChange(outcome.value);
    }
  }

  async function onHold(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = formText(event.currentTarget, 'reason');
    await act(() => deletionsApi.hold(item.id, reason), 'The request is on hold; the person was told why by mail.');
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
      {item.certificate?.scan ? (
        <details>
          <summary>Erasure certificate</summary>
          <p>
            Verification scan: {item.certificate.scan.clean ? 'nothing found' : 'leftovers found'} ({pluralize(item.certificate.scan.identifiersChecked, 'identifier', 'identifiers')} in{' '}
            {pluralize(item.certificate.scan.tablesScanned, 'table', 'tables')}). Files deleted: {item.certificate.filesDeleted ?? 0}.
          </p>
          <ul>
            {(item.certificate.rows ?? []).map((r) => (
              <li key={`${r.table}-${r.action}`}>
                {r.table}: {r.rows} {r.action === 'delete' ? 'deleted' : 'anonymised'}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ErrorAlert error={error} />
      {done !== null ? <StatusMessage>{done}</StatusMessage> : null}
      {pendingRequest && !item.holdReason ? (
        <div className="deletion-actions">
          {confirming ? (
            <>
              <p>Erase this account now? This cannot be undone.</p>
              <div className="button-row">
                <button type="button" className="button button-danger-solid" disabled={pending} onClick={() => void act(() => deletionsApi.process(item.id), 'Processed.')}>
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
        <button type="button" className="button button-secondary" disabled={pending} onClick={() => void act(() => deletionsApi.release(item.id), 'Hold released.')}>
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
  const { state, retry } = useLoad(`${filter.key}:${version}`, (signal) => deletionsApi.list(filter.key, signal));
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
      {state.status === 'failed' ? <LoadError error={state.error} what="the deletion requests" onRetry={retry} /> : null}
      {state.status === 'loading' && state.stale === undefined ? <Loading>Loading deletion requests…</Loading> : null}
      {state.status === 'loaded' ? (
        state.data.items.length === 0 ? (
          <p>No requests here.</p>
        ) : (
          <ul className="card-list" aria-label="Deletion requests">
            {state.data.items.map((item) => (
              <RequestCard key={item.id} item={item} onChange={() => setVersion((v) => v + 1)} />
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
