// Account → Orders: the signed-in person's orders, newest first, a page at a time.
import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { itemCountText, OrderStatusBadge, ShipmentStatusBadge, TrackingLink } from '../components/order-parts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { ordersApi, type Order } from '../api.ts';
import { formatMoney, pluralize } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import '../styles.css';

const PAGE_SIZE = 10;

function readPage(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
}

function OrderCard({ order }: { order: Order }) {
  return (
    <li className="card order-card">
      <div className="order-card-head">
        <h2 className="card-title">
          <Link to={`/account/orders/${encodeURIComponent(order.id)}`}>
            <span className="visually-hidden">Order </span>
            {order.number}
          </Link>
        </h2>
        <OrderStatusBadge status={order.status} />
      </div>
      <dl className="order-facts">
        <div>
          <dt>Seller</dt>
          <dd>{order.store.name}</dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd>
            <DateTime iso={order.placedAt} dateOnly />
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>
            {formatMoney(order.total)} <span className="muted">({itemCountText(order)})</span>
          </dd>
        </div>
        {order.shipment !== null ? (
          <div>
            <dt>Tracking</dt>
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
  usePageTitle('Orders');
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
        Orders
      </h1>
      {state.status === 'failed' ? <LoadError error={state.error} what="your orders" onRetry={retry} /> : null}
      {list === undefined && state.status === 'loading' ? <Loading>Loading your orders…</Loading> : null}
      {list !== undefined && list.total === 0 ? (
        <div className="empty-results">
          <p>You have no orders yet.</p>
          <p>
            <Link to="/">Browse the catalog</Link>
          </p>
        </div>
      ) : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">{pluralize(list.total, 'order', 'orders')}, newest first.</p>
          {list.items.length === 0 ? (
            <p>
              There are no orders on this page. <Link to="/account/orders">Go to the first page</Link>
            </p>
          ) : (
            <ul className="card-list" aria-label="Your orders" aria-busy={state.status === 'loading'}>
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
