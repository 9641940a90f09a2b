// /seller: the seller center opens on its dashboard (issue 19, decision 055): sales and orders per
// day over 30 or 90 days, orders to ship and late, low stock, the rating and its trend, and the
// orders as CSV for accounting.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatCount, formatMoney } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { sellerApi, type Dashboard } from '../api.ts';
import { DayChart } from '../components/day-chart.tsx';
import '../styles.css';

const PERIODS = [30, 90] as const;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

function Charts({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation('seller');
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>(30);
  const name = useId();
  const days = dashboard.days.slice(-period);
  const dates = days.map((d) => d.date);
  return (
    <section aria-labelledby={`${name}-heading`} className="dashboard-section">
      <div className="seller-heading">
        <h2 id={`${name}-heading`}>{t('dashboard.charts.heading')}</h2>
        <fieldset className="dashboard-period">
          <legend className="visually-hidden">{t('dashboard.charts.period')}</legend>
          {PERIODS.map((p) => (
            <label key={p}>
              <input type="radio" name={name} value={p} checked={period === p} onChange={() => setPeriod(p)} />{' '}
              {t('dashboard.charts.lastDays', { days: p })}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="muted">{t('dashboard.charts.note')}</p>
      <div className="dashboard-charts">
        {dashboard.sales.length === 0 ? (
          <DayChart title={t('dashboard.charts.sales')} dates={dates} values={days.map(() => 0)} format={formatCount} />
        ) : (
          dashboard.sales.map((s) => (
            <DayChart
              key={s.currency}
              title={
                dashboard.sales.length > 1
                  ? t('dashboard.charts.salesIn', { currency: s.currency })
                  : t('dashboard.charts.sales')
              }
              dates={dates}
              values={s.amounts.slice(-period)}
              format={(amount) => formatMoney({ amount, currency: s.currency })}
            />
          ))
        )}
        <DayChart
          title={t('dashboard.charts.orders')}
          dates={dates}
          values={days.map((d) => d.orders)}
          format={formatCount}
        />
      </div>
    </section>
  );
}

/** A rating average as the reader writes numbers: 4.5 or 4,5. */
const formatAverage = (average: number | null) => (average === null ? '' : formatCount(average));

function Figures({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation('seller');
  const { toShip, returns, lowStock, rating } = dashboard;
  const days = rating.trendDays;
  const earlier = formatAverage(rating.earlier.average);
  const trend = (() => {
    switch (rating.trend) {
      case 'up':
        return t('dashboard.figures.trendUp', { average: earlier, days });
      case 'down':
        return t('dashboard.figures.trendDown', { average: earlier, days });
      case 'steady':
        return t('dashboard.figures.trendSteady', { days });
      case 'unknown':
        return t('dashboard.figures.trendUnknown', { days: days * 2 });
    }
  })();
  return (
    // One card per figure.
    <ul className="dashboard-figures" aria-label={t('dashboard.figures.label')}>
      <li className="card">
        <h2 className="card-title">{t('dashboard.figures.toShip')}</h2>
        <p className="dashboard-figure">{formatCount(toShip.count)}</p>
        <p>
          {toShip.late > 0 ? (
            <span className="badge badge-warning">{t('dashboard.figures.late', { count: toShip.late })}</span>
          ) : (
            t('dashboard.figures.noneLate')
          )}
          <span className="muted"> {t('dashboard.figures.paidOver', { days: toShip.handlingBusinessDays })}</span>
        </p>
        <Link to="/seller/orders">{t('dashboard.figures.ordersToShip')}</Link>
      </li>
      <li className="card">
        <h2 className="card-title">{t('dashboard.figures.returnsWaiting')}</h2>
        <p className="dashboard-figure">{formatCount(returns.answer + returns.parcels)}</p>
        <p>
          {returns.overdue > 0 ? (
            <span className="badge badge-warning">
              {t('dashboard.figures.pastAnswerBy', { count: returns.overdue })}
            </span>
          ) : (
            t('dashboard.figures.toAnswer', { count: returns.answer })
          )}
        </p>
        <p className="muted">{t('dashboard.figures.parcelsBack', { count: returns.parcels })}</p>
        <Link to="/seller/orders">{t('dashboard.figures.returnsToHandle')}</Link>
      </li>
      <li className="card">
        <h2 className="card-title">{t('dashboard.figures.lowStock')}</h2>
        <p className="dashboard-figure">{formatCount(lowStock.count)}</p>
        <p className="muted">{t('dashboard.figures.threshold', { threshold: formatCount(lowStock.threshold) })}</p>
        {lowStock.items.length > 0 ? (
          <ul className="dashboard-low-stock">
            {lowStock.items.map((item) => (
              <li key={`${item.productId}-${item.variant ?? ''}`}>
                <Link to={`/seller/products/${item.productId}`}>
                  {item.title}
                  {item.variant ? ` (${item.variant})` : ''}
                </Link>
                :{' '}
                {item.stock === 0
                  ? t('dashboard.figures.outOfStock')
                  : t('dashboard.figures.left', { count: item.stock })}
              </li>
            ))}
          </ul>
        ) : null}
      </li>
      <li className="card">
        <h2 className="card-title">{t('dashboard.figures.rating')}</h2>
        <p className="dashboard-figure">
          {rating.average === null
            ? t('dashboard.figures.noReviews')
            : t('dashboard.figures.outOfFive', { average: formatAverage(rating.average) })}
        </p>
        <p className="muted">{t('dashboard.figures.reviews', { count: rating.count })}</p>
        <p>
          {rating.recent.average !== null
            ? t('dashboard.figures.recent', {
                days,
                average: formatAverage(rating.recent.average),
                reviews: t('dashboard.figures.reviews', { count: rating.recent.count }),
              })
            : ''}
          {trend}
        </p>
      </li>
    </ul>
  );
}

function CsvExport() {
  const { t } = useTranslation('seller');
  const id = useId();
  const today = Date.now();
  return (
    <section aria-labelledby={`${id}-heading`} className="dashboard-section">
      <h2 id={`${id}-heading`}>{t('dashboard.csv.heading')}</h2>
      <p className="muted">{t('dashboard.csv.text')}</p>
      <form method="get" action="/api/seller/orders.csv" className="dashboard-export">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('dashboard.csv.from')}</label>
          <input id={`${id}-from`} type="date" name="from" required defaultValue={isoDay(today - 29 * 86_400_000)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('dashboard.csv.to')}</label>
          <input id={`${id}-to`} type="date" name="to" required defaultValue={isoDay(today)} />
        </div>
        <button type="submit" className="button">
          {t('dashboard.csv.download')}
        </button>
      </form>
    </section>
  );
}

export function SellerDashboardPage() {
  const { t } = useTranslation('seller');
  usePageTitle(t('dashboard.title'));
  const { state, retry } = useLoad('seller-dashboard', (signal) => sellerApi.getDashboard(signal));
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      {state.status === 'failed' ? (
        <LoadError error={state.error} what={t('dashboard.what')} onRetry={retry} />
      ) : state.status === 'loading' ? (
        <Loading>{t('dashboard.loading')}</Loading>
      ) : (
        <>
          <Figures dashboard={state.data} />
          <Charts dashboard={state.data} />
          <CsvExport />
        </>
      )}
    </>
  );
}
