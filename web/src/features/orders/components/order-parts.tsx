// Pieces shared by the buyer's order pages, the seller's orders and public tracking.
import { addressLines } from '../../../lib/address-format.ts';
import { Link } from 'react-router';
import type { Order, OrderItem, OrderStatus, ShipTo, ShipmentStatus, TrackingEvent } from '../api.ts';
import { countryName } from '../../../lib/countries.ts';
import { formatDate, formatMoney, pluralize } from '../../../lib/format.ts';
import { DateTime } from '../../../components/date-time.tsx';
import { ORDER_STATUS_LABELS, SHIPMENT_STATUS_LABELS } from '../order-status.ts';
import '../styles.css';

const STATUS_TONE: Record<OrderStatus | ShipmentStatus, string> = {
  awaiting_payment: 'badge-warning',
  paid: 'badge-info',
  shipped: 'badge-info',
  in_transit: 'badge-info',
  out_for_delivery: 'badge-info',
  delivered: 'badge-success',
  cancelled: 'badge-muted',
};

/** The order's status in words; the colour only repeats them. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`badge ${STATUS_TONE[status]}`}>{ORDER_STATUS_LABELS[status]}</span>;
}

export function ShipmentStatusBadge({ status }: { status: ShipmentStatus }) {
  return <span className={`badge ${STATUS_TONE[status]}`}>{SHIPMENT_STATUS_LABELS[status]}</span>;
}

export function itemCount(order: Order): number {
  return order.items.reduce((sum, item) => sum + item.quantity, 0);
}

export function itemCountText(order: Order): string {
  return pluralize(itemCount(order), 'item', 'items');
}

function ItemPrice({ item }: { item: OrderItem }) {
  return (
    <span className="order-item-price">
      {item.quantity} × {item.listPrice !== null ? <span className="visually-hidden">Now </span> : null}
      {formatMoney(item.unitPrice)}
      {item.listPrice !== null ? (
        <>
          {' '}
          <del className="price-was">
            <span className="visually-hidden">Was </span>
            {formatMoney(item.listPrice)}
          </del>
        </>
      ) : null}
    </span>
  );
}

/** The items of an order with their prices at the time of purchase. */
export function OrderItems({ items, linkProducts = false }: { items: OrderItem[]; linkProducts?: boolean }) {
  return (
    <ul className="order-items">
      {items.map((item, n) => (
        <li key={`${item.productId ?? 'gone'}-${n}`} className="order-item">
          <span className="order-item-title">
            {linkProducts && item.productId !== null ? (
              <Link to={`/p/${encodeURIComponent(item.productId)}`}>{item.title}</Link>
            ) : (
              item.title
            )}
            {item.variantLabel ? <span className="line-variant">{item.variantLabel}</span> : null}
          </span>
          <ItemPrice item={item} />
          <span className="order-item-total">{formatMoney(item.lineTotal)}</span>
        </li>
      ))}
    </ul>
  );
}

export function OrderTotals({ order }: { order: Order }) {
  return (
    <dl className="order-totals">
      <div>
        {/* itemsTotal is at list prices; the discount follows. */}
        <dt>{order.discount.amount > 0 ? 'Items before discount' : 'Items'}</dt>
        <dd>{formatMoney(order.itemsTotal)}</dd>
      </div>
      {order.discount.amount > 0 ? (
        <div>
          <dt>Discount</dt>
          <dd>−{formatMoney(order.discount)}</dd>
        </div>
      ) : null}
      <div>
        <dt>Shipping</dt>
        <dd>{order.shipping.amount === 0 ? 'Free' : formatMoney(order.shipping)}</dd>
      </div>
      <div className="order-totals-total">
        <dt>Total</dt>
        <dd>{formatMoney(order.total)}</dd>
      </div>
      {order.converted ? (
        // What the buyer saw at checkout, converted with the rates recorded with the order (decision 060).
        <div className="order-totals-converted">
          <dt>In {order.converted.total.currency}</dt>
          <dd>
            <span aria-hidden="true">≈ </span>
            <span className="visually-hidden">about </span>
            {formatMoney(order.converted.total)}{' '}
            <small className="money-converted">
              at 1 {order.converted.rate.from.currency} = {order.converted.rate.crossRate}{' '}
              {order.converted.rate.to.currency}, rates of{' '}
              {formatDate(new Date(`${order.converted.ratesAsOf}T12:00:00Z`))}
            </small>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** A postal address, one part a line. Rendered as text, never as HTML. */
export function Address({ address, withPhone = false }: { address: ShipTo; withPhone?: boolean }) {
  const lines = addressLines(address, countryName(address.country));
  if (withPhone && address.phone !== null) lines.push(address.phone);
  return (
    <address className="address">
      {lines.map((line, n) => (
        <span key={n}>{line}</span>
      ))}
    </address>
  );
}

/** Parcel scans, oldest first, each with its time. */
export function TrackingTimeline({ events, label }: { events: TrackingEvent[]; label: string }) {
  if (events.length === 0) return <p className="muted">No scans yet.</p>;
  return (
    <ol className="timeline" aria-label={label}>
      {events.map((event, n) => (
        <li
          key={`${event.status}-${n}`}
          className={n === events.length - 1 ? 'timeline-step timeline-current' : 'timeline-step'}
        >
          <span className="timeline-status">{SHIPMENT_STATUS_LABELS[event.status]}</span>{' '}
          <span className="timeline-time">
            <DateTime iso={event.at} />
          </span>
        </li>
      ))}
    </ol>
  );
}

export function TrackingLink({ trackingNumber }: { trackingNumber: string }) {
  return <Link to={`/track/${encodeURIComponent(trackingNumber)}`}>{trackingNumber}</Link>;
}
