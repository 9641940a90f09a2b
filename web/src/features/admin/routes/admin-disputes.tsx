// /admin/disputes: disputes over returns by due date (overdue ones stand out), like the deletion queue.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DateTime } from '../../../components/date-time.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { disputesApi, type DisputeItem } from '../api.ts';

const FILTERS = [{ key: 'open' }, { key: 'decided' }, { key: 'all' }] as const;

function filterLabel(t: TFunction<'admin'>, key: (typeof FILTERS)[number]['key']): string {
  switch (key) {
    case 'open':
      return t('disputes.filter.open');
    case 'decided':
      return t('disputes.filter.decided');
    case 'all':
      return t('disputes.filter.all');
  }
}

export function disputeStatusLabel(t: TFunction<'admin'>, status: DisputeItem['status']): string {
  switch (status) {
    case 'open':
      return t('disputes.status.open');
    case 'decided_refund':
      return t('disputes.status.decidedRefund');
    case 'decided_no_refund':
      return t('disputes.status.decidedNoRefund');
  }
}

export function AdminDisputesPage() {
  const { t } = useTranslation('admin');
  usePageTitle(t('nav.disputes'));
  const [params] = useSearchParams();
  const filter = FILTERS.find((f) => f.key === params.get('status')) ?? FILTERS[0];
  const { state, retry } = useLoad(`disputes:${filter.key}`, (signal) => disputesApi.list(filter.key, signal));
  return (
    <>
      <h1 tabIndex={-1}>{t('nav.disputes')}</h1>
      <nav aria-label={t('disputes.filterLabel')} className="status-filter">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.key}>
              <Link
                to={f.key === 'open' ? '/admin/disputes' : `/admin/disputes?status=${f.key}`}
                aria-current={f.key === filter.key ? 'page' : undefined}
              >
                {filterLabel(t, f.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.status === 'failed' ? <LoadError error={state.error} what={t('disputes.what')} onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>{t('disputes.loading')}</Loading> : null}
      {state.status === 'loaded' ? (
        state.data.items.length === 0 ? (
          <p>{t('disputes.empty')}</p>
        ) : (
          <ul className="card-list" aria-label={t('nav.disputes')}>
            {state.data.items.map((d) => (
              <li key={d.id} className="card">
                <h2>
                  <Link to={`/admin/disputes/${d.id}`}>
                    {t('disputes.title', { returnNumber: d.returnNumber, orderNumber: d.orderNumber })}
                  </Link>
                </h2>
                <p>
                  {disputeStatusLabel(t, d.status)} · {d.storeName} ·{' '}
                  {t('disputes.asked', { amount: formatMoney(d.requested) })} ·{' '}
                  {d.openedBy === 'buyer' ? t('disputes.buyerDisagreed') : t('disputes.sellerSilent')}
                </p>
                {d.status === 'open' ? (
                  <p>
                    {d.overdue ? <strong>{t('disputes.overdue')}</strong> : null}
                    {t('disputes.due')} <DateTime iso={d.dueAt} />
                  </p>
                ) : null}
                {d.refund?.status === 'failed' ? (
                  <p>
                    <strong>{t('disputes.refundFailed')}</strong>{' '}
                    {t('disputes.refundFailedAttempt', { attempt: d.refund.attempt })}{' '}
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
