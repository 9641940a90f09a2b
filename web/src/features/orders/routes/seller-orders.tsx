// The seller's incoming orders: filter by status ("To ship" first), ship with a carrier and
// tracking number, add carrier scans, cancel. Renders inside whatever layout routes it; the
// filter and page live in the query string of the current path.
import { useRef } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { ordersApi, type OrderStatus } from '../api.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import '../styles.css';
import { SellerOrderCard } from '../components/seller-order-card.tsx';
import { SellerReturnsSection } from '../../returns/components/seller-returns.tsx';

const PAGE_SIZE = 20;

const FILTERS = [
  { key: 'paid' },
  { key: 'shipped' },
  { key: 'delivered' },
  { key: 'cancelled' },
  { key: 'all' },
] as const;
type FilterKey = (typeof FILTERS)[number]['key'];

/** A filter's name and what its empty list says. */
function filterWords(t: TFunction<'orders'>, key: FilterKey): { label: string; empty: string } {
  switch (key) {
    case 'paid':
      return { label: t('seller.filterPaid'), empty: t('seller.emptyPaid') };
    case 'shipped':
      return { label: t('seller.filterShipped'), empty: t('seller.emptyShipped') };
    case 'delivered':
      return { label: t('seller.filterDelivered'), empty: t('seller.emptyDelivered') };
    case 'cancelled':
      return { label: t('seller.filterCancelled'), empty: t('seller.emptyCancelled') };
    case 'all':
      return { label: t('seller.filterAll'), empty: t('seller.emptyAll') };
  }
}

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
  const { t } = useTranslation('orders');
  usePageTitle(t('seller.title'));
  const { pathname, search } = useLocation();
  const [params] = useSearchParams();
  const filter = readFilter(params.get('status'));
  const page = readPage(params.get('page'));
  const words = filterWords(t, filter.key);
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
        <h1 tabIndex={-1}>{t('seller.title')}</h1>
        <p>
          <Trans t={t} i18nKey="seller.noStore" components={{ a: <Link to="/seller" /> }} />
        </p>
      </>
    );
  }
  const list = state.status === 'loaded' ? state.data : undefined;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('seller.title')}
      </h1>
      <SellerReturnsSection />
      <h2>{t('seller.orders')}</h2>
      <nav aria-label={t('seller.filterLabel')} className="status-filter">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.key}>
              <Link to={hrefFor(pathname, f.key)} aria-current={f.key === filter.key ? 'page' : undefined}>
                {filterWords(t, f.key).label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.status === 'failed' ? <LoadError error={state.error} what={t('seller.loadWhat')} onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>{t('seller.loading')}</Loading> : null}
      {list !== undefined && list.total === 0 ? <p className="empty-results">{words.empty}</p> : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">{t('seller.count', { count: list.total, filter: words.label })}</p>
          <ul className="card-list" aria-label={t('seller.listLabel', { filter: words.label })}>
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
