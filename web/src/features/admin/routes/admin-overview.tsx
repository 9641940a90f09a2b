// /admin: what waits for staff — open support tickets, disputes, deletion requests with their
// oldest due dates, and refunds the payment provider refused (with their attempts and next try).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('admin');
  usePageTitle(t('overview.pageTitle'));
  const [version, setVersion] = useState(0);
  const [retried, setRetried] = useState<string | null>(null);
  const { state, retry } = useLoad(`admin-overview:${version}`, (signal) => disputesApi.overview(signal));
  const rates = useLoad('admin-overview-rates', (signal) => ratesApi.get(signal)).state;
  // After a retry the overview loads again; the last one stays on screen meanwhile.
  const data = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  return (
    <>
      <h1 tabIndex={-1}>{t('nav.overview')}</h1>
      {state.status === 'failed' ? <LoadError error={state.error} what={t('overview.what')} onRetry={retry} /> : null}
      {data === undefined && state.status === 'loading' ? <Loading>{t('overview.loading')}</Loading> : null}
      {retried ? <StatusMessage>{retried}</StatusMessage> : null}
      {data ? (
        <>
          <ul className="card-list" aria-label={t('overview.queues')}>
            <li className="card">
              <h2>
                <Link to="/admin/tickets">{t('nav.tickets')}</Link>
              </h2>
              <p>{t('overview.open', { count: data.tickets.count })}</p>
              {data.tickets.oldest ? (
                <p>
                  {t('overview.waitingSince')} <DateTime iso={data.tickets.oldest} />
                </p>
              ) : null}
            </li>
            <li className="card">
              <h2>
                <Link to="/admin/disputes">{t('nav.disputes')}</Link>
              </h2>
              <p>
                {t('overview.open', { count: data.disputes.count })}
                {data.disputes.overdue > 0 ? (
                  <strong>{t('overview.overdue', { count: data.disputes.overdue })}</strong>
                ) : null}
              </p>
              {data.disputes.oldest ? (
                <p>
                  {t('overview.oldestDue')} <DateTime iso={data.disputes.oldest} />
                </p>
              ) : null}
            </li>
            <li className="card">
              <h2>
                <Link to="/admin/deletions">{t('nav.deletions')}</Link>
              </h2>
              <p>
                {t('overview.open', { count: data.deletions.count })}
                {data.deletions.overdue > 0 ? (
                  <strong>{t('overview.overdue', { count: data.deletions.overdue })}</strong>
                ) : null}
              </p>
              {data.deletions.oldest ? (
                <p>
                  {t('overview.oldestDue')} <DateTime iso={data.deletions.oldest} />
                </p>
              ) : null}
            </li>
            {rates.status === 'loaded' ? (
              <li className="card">
                <h2>
                  <Link to="/admin/exchange-rates">{t('nav.rates')}</Link>
                </h2>
                {rates.data.current === null ? (
                  <p>{t('overview.noRates')}</p>
                ) : (
                  <p>
                    {rates.data.current.stale ? <strong>{t('overview.stale')}</strong> : null}
                    {t('overview.ratesOf', {
                      date: rates.data.current.asOf,
                      count: rates.data.current.ageDays,
                    })}
                  </p>
                )}
              </li>
            ) : null}
          </ul>
          <h2>{t('overview.failedRefunds')}</h2>
          {data.failedRefunds.count === 0 ? (
            <p>{t('overview.noFailedRefunds')}</p>
          ) : (
            <>
              <p>{t('overview.failedCount', { count: data.failedRefunds.count })}</p>
              <ul className="card-list" aria-label={t('overview.failedRefunds')}>
                {data.failedRefunds.items.map((f) => (
                  <li key={f.refundId} className="card">
                    <p>
                      {f.disputeId ? (
                        <Link to={`/admin/disputes/${f.disputeId}`}>{f.returnNumber}</Link>
                      ) : (
                        (f.returnNumber ?? t('overview.noReturn'))
                      )}
                      {t('overview.failedLine', {
                        amount: formatMoney(f.amount),
                        attempt: f.attempt,
                        code: f.failureCode ?? t('retry.noCode'),
                      })}{' '}
                      <DateTime iso={f.nextAttemptAt} />.
                    </p>
                    <RetryRefundButton
                      refundId={f.refundId}
                      label={t('overview.retryLabel', { what: f.returnNumber ?? formatMoney(f.amount) })}
                      onDone={(refund) => {
                        setRetried(
                          t('overview.retried', {
                            what: refund.returnNumber ?? t('overview.refund'),
                            outcome: retryOutcome(t, refund),
                          }),
                        );
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
