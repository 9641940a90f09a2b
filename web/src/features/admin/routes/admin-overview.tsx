// /admin: what waits for staff — open support tickets, disputes, deletion requests with their
// oldest due dates, and refunds the payment provider refused (with their attempts and next try).
import { Link, Navigate } from 'react-router';
import { DateTime } from '../../../components/date-time.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { disputesApi, ratesApi } from '../api.ts';
import { useAdmin } from './admin-layout.tsx';

/** Support agents (no staff role) land on their tickets, as /admin did before the overview. */
export function AdminOverviewPage() {
  const { roles } = useAdmin();
  return roles.includes('staff') ? <Overview /> : <Navigate to="/admin/tickets" replace />;
}

function Overview() {
  usePageTitle('Admin overview');
  const { state, retry } = useLoad('admin-overview', (signal) => disputesApi.overview(signal));
  const rates = useLoad('admin-overview-rates', (signal) => ratesApi.get(signal)).state;
  return (
    <>
      <h1 tabIndex={-1}>Overview</h1>
      {state.status === 'failed' ? <LoadError error={state.error} what="the overview" onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>Loading the overview…</Loading> : null}
      {state.status === 'loaded' ? (
        <>
          <ul className="card-list" aria-label="Queues">
            <li className="card">
              <h2>
                <Link to="/admin/tickets">Support tickets</Link>
              </h2>
              <p>{state.data.tickets.count} open</p>
              {state.data.tickets.oldest ? (
                <p>
                  Waiting longest since <DateTime iso={state.data.tickets.oldest} />
                </p>
              ) : null}
            </li>
            <li className="card">
              <h2>
                <Link to="/admin/disputes">Disputes</Link>
              </h2>
              <p>
                {state.data.disputes.count} open
                {state.data.disputes.overdue > 0 ? <strong>, {state.data.disputes.overdue} overdue</strong> : null}
              </p>
              {state.data.disputes.oldest ? (
                <p>
                  Oldest due <DateTime iso={state.data.disputes.oldest} />
                </p>
              ) : null}
            </li>
            <li className="card">
              <h2>
                <Link to="/admin/deletions">Deletion requests</Link>
              </h2>
              <p>
                {state.data.deletions.count} open
                {state.data.deletions.overdue > 0 ? <strong>, {state.data.deletions.overdue} overdue</strong> : null}
              </p>
              {state.data.deletions.oldest ? (
                <p>
                  Oldest due <DateTime iso={state.data.deletions.oldest} />
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
          {state.data.failedRefunds.count === 0 ? (
            <p>No failed refunds.</p>
          ) : (
            <>
              <p>
                {state.data.failedRefunds.count} refunds failed at the payment provider; each is tried again at its next
                attempt.
              </p>
              <ul className="card-list" aria-label="Failed refunds">
                {state.data.failedRefunds.items.map((f) => (
                  <li key={`${f.returnNumber}-${f.nextAttemptAt}`} className="card">
                    <p>
                      {f.disputeId ? (
                        <Link to={`/admin/disputes/${f.disputeId}`}>{f.returnNumber}</Link>
                      ) : (
                        (f.returnNumber ?? 'Refund without a return')
                      )}
                      : {formatMoney(f.amount)}, attempt {f.attempt} failed ({f.failureCode ?? 'no code'}). Next try{' '}
                      <DateTime iso={f.nextAttemptAt} />.
                    </p>
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
