// Account → Orders → one order: items and prices at the time of purchase, the address it goes
// to, what happened when, the parcel, and cancelling before it ships.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import {
  Address,
  OrderItems,
  OrderStatusBadge,
  OrderTotals,
  ShipmentStatusBadge,
  TrackingLink,
  TrackingTimeline,
} from '../components/order-parts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { ConfirmAction } from '../../../components/confirm-action.tsx';
import { ordersApi, type Order } from '../api.ts';
import { OrderReturnsSection } from '../../returns/components/order-returns.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

const CANCELLED_BY = { buyer: 'by you', seller: 'by the seller', system: 'because it was not paid in time' } as const;

function StatusSteps({ order }: { order: Order }) {
  const steps: Array<{ label: string; at: string | null }> = [
    { label: 'Placed', at: order.placedAt },
    { label: 'Paid', at: order.paidAt },
  ];
  if (order.status === 'cancelled') {
    if (order.paidAt === null) steps.pop();
    steps.push({ label: 'Cancelled', at: order.cancelledAt });
  } else {
    steps.push({ label: 'Shipped', at: order.shippedAt }, { label: 'Delivered', at: order.deliveredAt });
  }
  return (
    <ol className="timeline" aria-label="Order status, oldest first">
      {steps.map((step) => (
        <li key={step.label} className={step.at === null ? 'timeline-step timeline-pending' : 'timeline-step'}>
          <span className="timeline-status">{step.label}</span>{' '}
          <span className="timeline-time">{step.at === null ? 'Not yet' : <DateTime iso={step.at} />}</span>
        </li>
      ))}
    </ol>
  );
}

function Shipment({ order }: { order: Order }) {
  const { shipment } = order;
  if (shipment === null) {
    if (order.status === 'cancelled') return <p>This order was cancelled before it shipped.</p>;
    return (
      <p>
        Not shipped yet. Delivery usually takes {order.delivery.minDays}–{order.delivery.maxDays} days once the seller
        ships it.
      </p>
    );
  }
  return (
    <>
      <dl className="details">
        <div>
          <dt>Carrier</dt>
          <dd>{shipment.carrier}</dd>
        </div>
        <div>
          <dt>Tracking number</dt>
          <dd>
            <TrackingLink trackingNumber={shipment.trackingNumber} />
          </dd>
        </div>
        <div>
          <dt>Parcel status</dt>
          <dd>
            <ShipmentStatusBadge status={shipment.status} />
          </dd>
        </div>
      </dl>
      <h3>Parcel scans</h3>
      <TrackingTimeline events={shipment.events} label="Parcel scans, oldest first" />
    </>
  );
}

/** Once delivered, each product of the order can be reviewed from its page. */
function ReviewLinks({ order }: { order: Order }) {
  const products = order.items.filter((item) => item.productId !== null);
  if (order.status !== 'delivered' || products.length === 0) return null;
  return (
    <ul className="review-links" aria-label="Review your items">
      {products.map((item) => (
        <li key={item.productId}>
          <Link
            to={`/p/${encodeURIComponent(item.productId!)}#write-review`}
            aria-label={`Write a review of ${item.title}`}
          >
            Write a review
          </Link>
        </li>
      ))}
    </ul>
  );
}

function OrderDetails({ initial }: { initial: Order }) {
  const [order, setOrder] = useState(initial);
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, run } = useRequest();

  async function cancel(): Promise<boolean> {
    setDone(null);
    const outcome = await run(() => ordersApi.cancelOrder(order.id));
    if (!outcome.ok) return false;
    setOrder(outcome.value);
    setDone(
      order.paidAt !== null
        ? `Order ${order.number} is cancelled. ${formatMoney(order.total)} will be refunded to your card.`
        : `Order ${order.number} is cancelled.`,
    );
    return true;
  }

  return (
    <>
      <p className="back-link">
        <Link to="/account/orders">All orders</Link>
      </p>
      <h1 tabIndex={-1}>Order {order.number}</h1>
      <p className="order-meta">
        <OrderStatusBadge status={order.status} /> Placed <DateTime iso={order.placedAt} /> · Sold by {order.store.name}{' '}
        · <Link to={`/account/messages/new?orderId=${encodeURIComponent(order.id)}`}>Message the seller</Link> ·{' '}
        <Link to={`/account/support/new?order=${encodeURIComponent(order.id)}`}>Get help with this order</Link>
      </p>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      <ErrorAlert error={error} />
      {order.status === 'awaiting_payment' ? (
        <div className="notice notice-warning">
          <p>
            This order is awaiting payment. Unpaid orders are cancelled 30 minutes after they were placed, and the items
            go back on sale.
          </p>
          <p>
            <Link className="button" to={`/checkout/pay/${encodeURIComponent(order.checkoutId)}`}>
              Pay now
            </Link>
          </p>
        </div>
      ) : null}
      {order.status === 'cancelled' && done === null ? (
        <p>
          This order was cancelled {order.cancelledBy !== null ? CANCELLED_BY[order.cancelledBy] : ''}
          {order.paidAt !== null ? `; ${formatMoney(order.total)} is refunded to your card.` : '.'}
        </p>
      ) : null}

      <div className="order-layout">
        <section className="order-section" aria-labelledby="order-items">
          <h2 id="order-items">Items</h2>
          <OrderItems items={order.items} linkProducts />
          <OrderTotals order={order} />
          <ReviewLinks order={order} />
        </section>
        <section className="order-section" aria-labelledby="order-address">
          <h2 id="order-address">Shipping address</h2>
          <Address address={order.shipTo} withPhone />
        </section>
        <section className="order-section" aria-labelledby="order-status">
          <h2 id="order-status">Status</h2>
          <StatusSteps order={order} />
        </section>
        <section className="order-section" aria-labelledby="order-shipment">
          <h2 id="order-shipment">Shipment</h2>
          <Shipment order={order} />
        </section>
      </div>

      {order.status === 'delivered' ? <OrderReturnsSection orderId={order.id} /> : null}

      {order.canCancel ? (
        <section className="order-section" aria-labelledby="order-cancel">
          <h2 id="order-cancel">Cancel this order</h2>
          <p>You can cancel until the seller ships it.</p>
          <ConfirmAction
            label="Cancel order"
            question={
              order.paidAt !== null
                ? `Cancel order ${order.number}? ${formatMoney(order.total)} will be refunded to your card.`
                : `Cancel order ${order.number}? Nothing has been charged.`
            }
            confirmLabel="Yes, cancel order"
            keepLabel="Keep order"
            pending={pending}
            onConfirm={cancel}
          />
        </section>
      ) : null}
    </>
  );
}

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { state, retry } = useLoad(id, (signal) => ordersApi.getOrder(id, signal));
  const notFound =
    state.status === 'failed' && (state.error.status === 404 || state.error.code === 'VALIDATION_FAILED');
  usePageTitle(state.status === 'loaded' ? `Order ${state.data.number}` : notFound ? 'Order not found' : 'Order');

  if (state.status === 'loaded') return <OrderDetails key={state.data.id} initial={state.data} />;
  if (notFound) {
    return (
      <>
        <h1 tabIndex={-1}>Order not found</h1>
        <p>There is no order of yours at this address.</p>
        <p>
          <Link to="/account/orders">See all your orders</Link>
        </p>
      </>
    );
  }
  if (state.status === 'failed') {
    return (
      <>
        <h1 tabIndex={-1}>Order</h1>
        <LoadError error={state.error} what="this order" onRetry={retry} />
      </>
    );
  }
  return <Loading>Loading the order…</Loading>;
}
