// /admin: what waits for staff — open support tickets, disputes, deletion requests with their
// oldest due dates, and refunds the payment provider refused (with their attempts and next try).
import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { disputesApi, ratesApi } from '../api.ts';
import { RetryRefundButton, retryOutcome } from '../components/retry-refund-button.tsx';
import { useAdmin } from './admin-layout.tsx';

/** Support agents (no staff role) land on their tickets, as /admin did before the overview. */
export function AdminOverviewPage() {
  const { roles } = useAdmin();
  return roles.includes('staff') ? <Overview /> : <Navigate to="/admin/tickets" replace />;
}

function Overview() {
  usePageTitle('Admin overview');
  const [version, setVersion] = useState(0);
  const [retried, setRetried] = useState<string | null>(null);
  const { state, retry } = useLoad(`admin-overview:${version}`, (signal) => disputesApi.overview(signal));
  const rates = useLoad('admin-overview-rates', (signal) => ratesApi.get(signal)).state;
  // After a retry the overview loads again; the last one stays on screen meanwhile.
  const data = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  return (
    <>
      <h1 tabIndex={-1}>Overview</h1>
      {state.status === 'failed' ? <LoadError error={state.error} what="the overview" onRetry={retry} /> : null}
      {data === undefined && state.status === 'loading' ? <Loading>Loading the overview…</Loading> : null}
      {retried ? <StatusMessage>{retried}</StatusMessage> : null}
      {data ? (
        <>
          <ul className="card-list" aria-label="Queues">
            <li className="card">
              <h2>
                <Link to="/admin/tickets">Support tickets</Link>
              </h2>
              <p>{data.tickets.count} open</p>
              {data.tickets.oldest ? (
                <p>
                  Waiting longest since <DateTime iso={data.tickets.oldest} />
                </p>
              ) : null}
            </li>
            <li className="card">
              <h2>
                <Link to="/admin/disputes">Disputes</Link>
              </h2>
              <p>
                {data.disputes.count} open
                {data.disputes.overdue > 0 ? <strong>, {data.disputes.overdue} overdue</strong> : null}
              </p>
              {data.disputes.oldest ? (
                <p>
                  Oldest due <DateTime iso={data.disputes.oldest} />
                </p>
              ) : null}
            </li>
            <li className="card">
              <h2>
                <Link to="/admin/deletions">Deletion requests</Link>
              </h2>
              <p>
                {data.deletions.count} open
                {data.deletions.overdue > 0 ? <strong>, {data.deletions.overdue} overdue</strong> : null}
              </p>
              {data.deletions.oldest ? (
                <p>
                  Oldest due <DateTime iso={data.deletions.oldest} />
                </p>
              ) : null}
            </li>
            {rates.status === 'loaded' ? (
              <li className="card">
                <h2>
                  <Link to="/admin/exchange-rates">Exchange rates</Link>
                </h2>
                {rates.data.current === null ? (
                  <p>None recorded: prices show in sellers’ own currencies only.</p>
                ) : (
                  <p>
                    {rates.data.current.stale ? <strong>Stale: </strong> : null}
                    rates of {rates.data.current.asOf} ({rates.data.current.ageDays} days ago)
                  </p>
                )}
              </li>
            ) : null}
          </ul>
          <h2>Failed refunds</h2>
          {data.failedRefunds.count === 0 ? (
            <p>No failed refunds.</p>
          ) : (
            <>
              <p>
                {data.failedRefunds.count} refunds failed at the payment provider; each is tried again at its next
                attempt.
              </p>
              <ul className="card-list" aria-label="Failed refunds">
                {data.failedRefunds.items.map((f) => (
                  <li key={f.refundId} className="card">
                    <p>
                      {f.disputeId ? (
                        <Link to={`/admin/disputes/${f.disputeId}`}>{f.returnNumber}</Link>
                      ) : (
                        (f.returnNumber ?? 'Refund without a return')
                      )}
                      : {formatMoney(f.amount)}, attempt {f.attempt} failed ({f.failureCode ?? 'no code'}). Next try{' '}
                      <DateTime iso={f.nextAttemptAt} />.
                    </p>
                    <RetryRefundButton
                      refundId={f.refundId}
                      label={`Retry refund now: ${f.returnNumber ?? formatMoney(f.amount)}`}
                      onDone={(refund) => {
                        setRetried(`${refund.returnNumber ?? 'Refund'}: ${retryOutcome(refund)}`);
                        setVersion((v) => v + 1);
                      }}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : null}
    </>
  );
}
