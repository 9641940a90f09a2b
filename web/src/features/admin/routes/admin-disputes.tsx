// /admin/disputes: disputes over returns by due date (overdue ones stand out), like the deletion queue.
import { Link, useSearchParams } from 'react-router';
import { DateTime } from '../../../components/date-time.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { disputesApi, type DisputeItem } from '../api.ts';

const FILTERS = [
  { key: 'open', label: 'Open' },
  { key: 'decided', label: 'Decided' },
  { key: 'all', label: 'All' },
] as const;

export const DISPUTE_STATUS_LABELS: Record<DisputeItem['status'], string> = {
  open: 'Open',
  decided_refund: 'Decided: refund',
  decided_no_refund: 'Decided: no refund',
};

export function AdminDisputesPage() {
  usePageTitle('Disputes');
  const [params] = useSearchParams();
  const filter = FILTERS.find((f) => f.key === params.get('status')) ?? FILTERS[0];
  const { state, retry } = useLoad(`disputes:${filter.key}`, (signal) => disputesApi.list(filter.key, signal));
  return (
    <>
      <h1 tabIndex={-1}>Disputes</h1>
      <nav aria-label="Filter disputes" className="status-filter">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.key}>
              <Link
                to={f.key === 'open' ? '/admin/disputes' : `/admin/disputes?status=${f.key}`}
                aria-current={f.key === filter.key ? 'page' : undefined}
              >
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.status === 'failed' ? <LoadError error={state.error} what="the disputes" onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>Loading disputes…</Loading> : null}
      {state.status === 'loaded' ? (
        state.data.items.length === 0 ? (
          <p>No disputes here.</p>
        ) : (
          <ul className="card-list" aria-label="Disputes">
            {state.data.items.map((d) => (
              <li key={d.id} className="card">
                <h2>
                  <Link to={`/admin/disputes/${d.id}`}>
                    {d.returnNumber} (order {d.orderNumber})
                  </Link>
                </h2>
                <p>
                  {DISPUTE_STATUS_LABELS[d.status]} · {d.storeName} · asked {formatMoney(d.requested)} ·{' '}
                  {d.openedBy === 'buyer' ? 'the buyer disagreed' : 'the seller did not answer'}
                </p>
                {d.status === 'open' ? (
                  <p>
                    {d.overdue ? <strong>Overdue: </strong> : null}
                    Due <DateTime iso={d.dueAt} />
                  </p>
                ) : null}
                {d.refund?.status === 'failed' ? (
                  <p>
                    <strong>Refund failed</strong> (attempt {d.refund.attempt}); next try{' '}
                    <DateTime iso={d.refund.nextAttemptAt} />
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}
