// The seller's incoming orders: filter by status ("To ship" first), ship with a carrier and
// tracking number, add carrier scans, cancel. Renders inside whatever layout routes it; the
// filter and page live in the query string of the current path.
import { useRef } from 'react';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { ordersApi, type OrderStatus } from '../api.ts';
import { pluralize } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import '../styles.css';
import { SellerOrderCard } from '../components/seller-order-card.tsx';
import { SellerReturnsSection } from '../../returns/components/seller-returns.tsx';

const PAGE_SIZE = 20;

const FILTERS = [
  { key: 'paid', label: 'To ship', empty: 'No orders are waiting to be shipped.' },
  { key: 'shipped', label: 'Shipped', empty: 'No orders are on their way.' },
  { key: 'delivered', label: 'Delivered', empty: 'No orders have been delivered yet.' },
  { key: 'cancelled', label: 'Cancelled', empty: 'No orders have been cancelled.' },
  { key: 'all', label: 'All', empty: 'Your store has no orders yet.' },
] as const;
type FilterKey = (typeof FILTERS)[number]['key'];

function readFilter(raw: string | null): (typeof FILTERS)[number] {
  return FILTERS.find((f) => f.key === raw) ?? FILTERS[0];
}

function readPage(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
}

function hrefFor(pathname: string, filter: FilterKey, page = 1): string {
  const params = new URLSearchParams();
  if (filter !== 'paid') params.set('status', filter);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs === '' ? pathname : `${pathname}?${qs}`;
}

export function SellerOrdersPage() {
  usePageTitle('Store orders');
  const { pathname, search } = useLocation();
  const [params] = useSearchParams();
  const filter = readFilter(params.get('status'));
  const page = readPage(params.get('page'));
  const status: OrderStatus | undefined = filter.key === 'all' ? undefined : filter.key;
  const { state, retry } = useLoad(`${filter.key}|${page}`, (signal) =>
    ordersApi.listSellerOrders({ page, pageSize: PAGE_SIZE, ...(status !== undefined ? { status } : {}) }, signal),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);

  if (state.status === 'failed' && state.error.status === 401) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(`${pathname}${search}`)}`} replace />;
  }
  if (state.status === 'failed' && state.error.code === 'NO_STORE') {
    return (
      <>
        <h1 tabIndex={-1}>Store orders</h1>
        <p>
          You do not have a store yet. <Link to="/seller">Open a store</Link> to start selling and receive orders.
        </p>
      </>
    );
  }
  const list = state.status === 'loaded' ? state.data : undefined;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Store orders
      </h1>
      <SellerReturnsSection />
      <h2>Orders</h2>
      <nav aria-label="Filter orders by status" className="status-filter">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.key}>
              <Link to={hrefFor(pathname, f.key)} aria-current={f.key === filter.key ? 'page' : undefined}>
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.status === 'failed' ? <LoadError error={state.error} what="your store's orders" onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>Loading orders…</Loading> : null}
      {list !== undefined && list.total === 0 ? <p className="empty-results">{filter.empty}</p> : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">
            {filter.label}: {pluralize(list.total, 'order', 'orders')}, newest first.
          </p>
          <ul className="card-list" aria-label={`Orders: ${filter.label}`}>
            {list.items.map((order) => (
              <SellerOrderCard key={order.id} initial={order} />
            ))}
          </ul>
          <Pagination
            page={page}
            totalPages={Math.ceil(list.total / PAGE_SIZE)}
            hrefFor={(n) => hrefFor(pathname, filter.key, n)}
            onFollow={() => headingRef.current?.focus()}
          />
        </>
      ) : null}
    </>
  );
}
