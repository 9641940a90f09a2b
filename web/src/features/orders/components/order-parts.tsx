// Pieces shared by the buyer's order pages, the seller's orders and public tracking.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { addressLines } from '../../../lib/address-format.ts';
import { Link } from 'react-router';
import type { Order, OrderItem, OrderStatus, ShipTo, ShipmentStatus, TrackingEvent } from '../api.ts';
import { countryName } from '../../../lib/countries.ts';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { DateTime } from '../../../components/date-time.tsx';
import { orderStatusLabel, shipmentStatusLabel } from '../order-status.ts';
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
  const { t } = useTranslation('orders');
  return <span className={`badge ${STATUS_TONE[status]}`}>{orderStatusLabel(t, status)}</span>;
}

export function ShipmentStatusBadge({ status }: { status: ShipmentStatus }) {
  const { t } = useTranslation('orders');
  return <span className={`badge ${STATUS_TONE[status]}`}>{shipmentStatusLabel(t, status)}</span>;
}

export function itemCount(order: Order): number {
  return order.items.reduce((sum, item) => sum + item.quantity, 0);
}

export function itemCountText(t: TFunction<'orders'>, order: Order): string {
  return t('orders:parts.items', { count: itemCount(order) });
}

function ItemPrice({ item }: { item: OrderItem }) {
  const { t } = useTranslation('orders');
  return (
    <span className="order-item-price">
      {item.quantity} × {item.listPrice !== null ? <span className="visually-hidden">{t('parts.now')}</span> : null}
      {formatMoney(item.unitPrice)}
      {item.listPrice !== null ? (
        <>
          {' '}
          <del className="price-was">
            <span className="visually-hidden">{t('parts.was')}</span>
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
  const { t } = useTranslation('orders');
  return (
    <dl className="order-totals">
      <div>
        {/* itemsTotal is at list prices; the discount follows. */}
        <dt>{order.discount.amount > 0 ? t('parts.itemsBeforeDiscount') : t('parts.itemsTotal')}</dt>
        <dd>{formatMoney(order.itemsTotal)}</dd>
      </div>
      {order.discount.amount > 0 ? (
        <div>
          <dt>{t('parts.discount')}</dt>
          <dd>−{formatMoney(order.discount)}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('parts.shipping')}</dt>
        <dd>{order.shipping.amount === 0 ? t('parts.free') : formatMoney(order.shipping)}</dd>
      </div>
      <div className="order-totals-total">
        <dt>{t('parts.total')}</dt>
        <dd>{formatMoney(order.total)}</dd>
      </div>
      {order.converted ? (
        // What the buyer saw at checkout, converted with the rates recorded with the order (decision 060).
        <div className="order-totals-converted">
          <dt>{t('parts.convertedIn', { currency: order.converted.total.currency })}</dt>
          <dd>
            <span aria-hidden="true">≈ </span>
            <span className="visually-hidden">{t('parts.about')} </span>
            {formatMoney(order.converted.total)}{' '}
            <small className="money-converted">
              {t('parts.convertedRate', {
                from: order.converted.rate.from.currency,
                rate: order.converted.rate.crossRate,
                to: order.converted.rate.to.currency,
                day: formatDate(new Date(`${order.converted.ratesAsOf}T12:00:00Z`)),
              })}
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
  const { t } = useTranslation('orders');
  if (events.length === 0) return <p className="muted">{t('parts.noScans')}</p>;
  return (
    <ol className="timeline" aria-label={label}>
      {events.map((event, n) => (
        <li
          key={`${event.status}-${n}`}
          className={n === events.length - 1 ? 'timeline-step timeline-current' : 'timeline-step'}
        >
          <span className="timeline-status">{shipmentStatusLabel(t, event.status)}</span>{' '}
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
