// /seller: the seller center opens on its dashboard (issue 19, decision 055): sales and orders per
// day over 30 or 90 days, orders to ship and late, low stock, the rating and its trend, and the
// orders as CSV for accounting.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatCount, formatMoney, pluralize } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { sellerApi, type Dashboard } from '../api.ts';
import { DayChart } from '../components/day-chart.tsx';
import '../styles.css';

const PERIODS = [30, 90] as const;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

function Charts({ dashboard }: { dashboard: Dashboard }) {
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>(30);
  const name = useId();
  const days = dashboard.days.slice(-period);
  const dates = days.map((d) => d.date);
  return (
    <section aria-labelledby={`${name}-heading`} className="dashboard-section">
      <div className="seller-heading">
        <h2 id={`${name}-heading`}>Sales and orders</h2>
        <fieldset className="dashboard-period">
          <legend className="visually-hidden">Period</legend>
          {PERIODS.map((p) => (
            <label key={p}>
              <input type="radio" name={name} value={p} checked={period === p} onChange={() => setPeriod(p)} /> Last {p}{' '}
              days
            </label>
          ))}
        </fieldset>
      </div>
      <p className="muted">Orders paid and not cancelled, by the day they were paid (UTC).</p>
      <div className="dashboard-charts">
        {dashboard.sales.length === 0 ? (
          <DayChart title="Sales" dates={dates} values={days.map(() => 0)} format={formatCount} />
        ) : (
          dashboard.sales.map((s) => (
            <DayChart
              key={s.currency}
              title={dashboard.sales.length > 1 ? `Sales in ${s.currency}` : 'Sales'}
              dates={dates}
              values={s.amounts.slice(-period)}
              format={(amount) => formatMoney({ amount, currency: s.currency })}
            />
          ))
        )}
        <DayChart title="Orders" dates={dates} values={days.map((d) => d.orders)} format={formatCount} />
      </div>
    </section>
  );
}

function Figures({ dashboard }: { dashboard: Dashboard }) {
  const { toShip, returns, lowStock, rating } = dashboard;
  const trend = {
    up: `Up from ${rating.earlier.average} in the ${rating.trendDays} days before`,
    down: `Down from ${rating.earlier.average} in the ${rating.trendDays} days before`,
    steady: `The same as in the ${rating.trendDays} days before`,
    unknown: `Not enough reviews in the last ${rating.trendDays * 2} days for a trend`,
  }[rating.trend];
  return (
    // One card per figure.
    <ul className="dashboard-figures" aria-label="Your store at a glance">
      <li className="card">
        <h2 className="card-title">To ship</h2>
        <p className="dashboard-figure">{formatCount(toShip.count)}</p>
        <p>
          {toShip.late > 0 ? <span className="badge badge-warning">{formatCount(toShip.late)} late</span> : 'None late'}
          <span className="muted"> (paid over {toShip.handlingBusinessDays} business days ago)</span>
        </p>
        <Link to="/seller/orders">Orders to ship</Link>
      </li>
      <li className="card">
        <h2 className="card-title">Returns waiting</h2>
        <p className="dashboard-figure">{formatCount(returns.answer + returns.parcels)}</p>
        <p>
          {returns.overdue > 0 ? (
            <span className="badge badge-warning">{formatCount(returns.overdue)} past the answer-by date</span>
          ) : (
            `${pluralize(returns.answer, 'request', 'requests')} to answer`
          )}
        </p>
        <p className="muted">{pluralize(returns.parcels, 'parcel', 'parcels')} on the way back</p>
        <Link to="/seller/orders">Returns to handle</Link>
      </li>
      <li className="card">
        <h2 className="card-title">Low stock</h2>
        <p className="dashboard-figure">{formatCount(lowStock.count)}</p>
        <p className="muted">{lowStock.threshold} or fewer left</p>
        {lowStock.items.length > 0 ? (
          <ul className="dashboard-low-stock">
            {lowStock.items.map((item) => (
              <li key={`${item.productId}-${item.variant ?? ''}`}>
                <Link to={`/seller/products/${item.productId}`}>
                  {item.title}
                  {item.variant ? ` (${item.variant})` : ''}
                </Link>
                : {item.stock === 0 ? 'out of stock' : `${formatCount(item.stock)} left`}
              </li>
            ))}
          </ul>
        ) : null}
      </li>
      <li className="card">
        <h2 className="card-title">Rating</h2>
        <p className="dashboard-figure">{rating.average === null ? 'No reviews yet' : `${rating.average} / 5`}</p>
        <p className="muted">{pluralize(rating.count, 'review', 'reviews')}</p>
        <p>
          {rating.recent.average !== null
            ? `Last ${rating.trendDays} days: ${rating.recent.average} (${pluralize(rating.recent.count, 'review', 'reviews')}). `
            : ''}
          {trend}
        </p>
      </li>
    </ul>
  );
}

function CsvExport() {
  const id = useId();
  const today = Date.now();
  return (
    <section aria-labelledby={`${id}-heading`} className="dashboard-section">
      <h2 id={`${id}-heading`}>Orders for accounting</h2>
      <p className="muted">
        A CSV file with one line per order line of your paid orders placed in these dates: numbers, dates, the
        destination country and the amounts in minor units (cents).
      </p>
      <form method="get" action="/api/seller/orders.csv" className="dashboard-export">
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="date" name="from" required defaultValue={isoDay(today - 29 * 86_400_000)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="date" name="to" required defaultValue={isoDay(today)} />
        </div>
        <button type="submit" className="button">
          Download CSV
        </button>
      </form>
    </section>
  );
}

export function SellerDashboardPage() {
  usePageTitle('Dashboard');
  const { state, retry } = useLoad('seller-dashboard', (signal) => sellerApi.getDashboard(signal));
  return (
    <>
      <h1>Dashboard</h1>
      {state.status === 'failed' ? (
        <LoadError error={state.error} what="your dashboard" onRetry={retry} />
      ) : state.status === 'loading' ? (
        <Loading>Loading your dashboard…</Loading>
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
