// Account → Orders: the signed-in person's orders, newest first, a page at a time.
import { useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { itemCountText, OrderStatusBadge, ShipmentStatusBadge, TrackingLink } from '../components/order-parts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { ordersApi, type Order } from '../api.ts';
import { formatMoney } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import '../styles.css';

const PAGE_SIZE = 10;

function readPage(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
}

function OrderCard({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  return (
    <li className="card order-card">
      <div className="order-card-head">
        <h2 className="card-title">
          <Link to={`/account/orders/${encodeURIComponent(order.id)}`}>
            <span className="visually-hidden">{t('list.order')}</span>
            {order.number}
          </Link>
        </h2>
        <OrderStatusBadge status={order.status} />
      </div>
      <dl className="order-facts">
        <div>
          <dt>{t('list.seller')}</dt>
          <dd>{order.store.name}</dd>
        </div>
        <div>
          <dt>{t('list.placed')}</dt>
          <dd>
            <DateTime iso={order.placedAt} dateOnly />
          </dd>
        </div>
        <div>
          <dt>{t('list.total')}</dt>
          <dd>
            {formatMoney(order.total)} <span className="muted">({itemCountText(t, order)})</span>
          </dd>
        </div>
        {order.shipment !== null ? (
          <div>
            <dt>{t('list.tracking')}</dt>
            <dd>
              <TrackingLink trackingNumber={order.shipment.trackingNumber} />{' '}
              <ShipmentStatusBadge status={order.shipment.status} />
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

export function OrdersPage() {
  const { t } = useTranslation('orders');
  usePageTitle(t('list.title'));
  const [params] = useSearchParams();
  const page = readPage(params.get('page'));
  const { state, retry } = useLoad(String(page), (signal) =>
    ordersApi.listOrders({ page, pageSize: PAGE_SIZE }, signal),
  );
  const listRef = useRef<HTMLHeadingElement>(null);
  const list = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;

  return (
    <>
      <h1 ref={listRef} tabIndex={-1}>
        {t('list.title')}
      </h1>
      {state.status === 'failed' ? <LoadError error={state.error} what={t('list.loadWhat')} onRetry={retry} /> : null}
      {list === undefined && state.status === 'loading' ? <Loading>{t('list.loading')}</Loading> : null}
      {list !== undefined && list.total === 0 ? (
        <div className="empty-results">
          <p>{t('list.empty')}</p>
          <p>
            <Link to="/">{t('list.browse')}</Link>
          </p>
        </div>
      ) : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">{t('list.count', { count: list.total })}</p>
          {list.items.length === 0 ? (
            <p>
              <Trans t={t} i18nKey="list.emptyPage" components={{ a: <Link to="/account/orders" /> }} />
            </p>
          ) : (
            <ul className="card-list" aria-label={t('list.listLabel')} aria-busy={state.status === 'loading'}>
              {list.items.map((order) => (
                <OrderCard key={order.id} order={order} />
              ))}
            </ul>
          )}
          <Pagination
            page={page}
            totalPages={Math.ceil(list.total / PAGE_SIZE)}
            hrefFor={(n) => (n === 1 ? '/account/orders' : `/account/orders?page=${n}`)}
            onFollow={() => listRef.current?.focus()}
          />
        </>
      ) : null}
    </>
  );
}
