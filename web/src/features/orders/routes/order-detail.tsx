// Account → Orders → one order: items and prices at the time of purchase, the address it goes
// to, what happened when, the parcel, and cancelling before it ships.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { cancelledByLabel } from '../order-status.ts';
import '../styles.css';

function StatusSteps({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const steps: Array<{ label: string; at: string | null }> = [
    { label: t('detail.stepPlaced'), at: order.placedAt },
    { label: t('detail.stepPaid'), at: order.paidAt },
  ];
  if (order.status === 'cancelled') {
    if (order.paidAt === null) steps.pop();
    steps.push({ label: t('detail.stepCancelled'), at: order.cancelledAt });
  } else {
    steps.push(
      { label: t('detail.stepShipped'), at: order.shippedAt },
      { label: t('detail.stepDelivered'), at: order.deliveredAt },
    );
  }
  return (
    <ol className="timeline" aria-label={t('detail.stepsLabel')}>
      {steps.map((step) => (
        <li key={step.label} className={step.at === null ? 'timeline-step timeline-pending' : 'timeline-step'}>
          <span className="timeline-status">{step.label}</span>{' '}
          <span className="timeline-time">{step.at === null ? t('detail.notYet') : <DateTime iso={step.at} />}</span>
        </li>
      ))}
    </ol>
  );
}

function Shipment({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const { shipment } = order;
  if (shipment === null) {
    if (order.status === 'cancelled') return <p>{t('detail.cancelledBeforeShipping')}</p>;
    return <p>{t('detail.notShipped', { min: order.delivery.minDays, max: order.delivery.maxDays })}</p>;
  }
  return (
    <>
      <dl className="details">
        <div>
          <dt>{t('detail.carrier')}</dt>
          <dd>{shipment.carrier}</dd>
        </div>
        <div>
          <dt>{t('detail.trackingNumber')}</dt>
          <dd>
            <TrackingLink trackingNumber={shipment.trackingNumber} />
          </dd>
        </div>
        <div>
          <dt>{t('detail.parcelStatus')}</dt>
          <dd>
            <ShipmentStatusBadge status={shipment.status} />
          </dd>
        </div>
      </dl>
      <h3>{t('detail.parcelScans')}</h3>
      <TrackingTimeline events={shipment.events} label={t('detail.parcelScansLabel')} />
    </>
  );
}

/** Once delivered, each product of the order can be reviewed from its page. */
function ReviewLinks({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const products = order.items.filter((item) => item.productId !== null);
  if (order.status !== 'delivered' || products.length === 0) return null;
  return (
    <ul className="review-links" aria-label={t('detail.reviewLinks')}>
      {products.map((item) => (
        <li key={item.productId}>
          <Link
            to={`/p/${encodeURIComponent(item.productId!)}#write-review`}
            aria-label={t('detail.writeReviewOf', { title: item.title })}
          >
            {t('detail.writeReview')}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function OrderDetails({ initial }: { initial: Order }) {
  const { t } = useTranslation('orders');
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
        ? t('detail.cancelledRefunded', { number: order.number, total: formatMoney(order.total) })
        : t('detail.cancelledDone', { number: order.number }),
    );
    return true;
  }

  return (
    <>
      <p className="back-link">
        <Link to="/account/orders">{t('detail.allOrders')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('detail.heading', { number: order.number })}</h1>
      <p className="order-meta">
        <OrderStatusBadge status={order.status} /> {t('detail.placed')} <DateTime iso={order.placedAt} /> ·{' '}
        {t('detail.soldBy', { store: order.store.name })} ·{' '}
        <Link to={`/account/messages/new?orderId=${encodeURIComponent(order.id)}`}>{t('detail.messageSeller')}</Link> ·{' '}
        <Link to={`/account/support/new?order=${encodeURIComponent(order.id)}`}>{t('detail.getHelp')}</Link>
      </p>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      <ErrorAlert error={error} />
      {order.status === 'awaiting_payment' ? (
        <div className="notice notice-warning">
          <p>{t('detail.awaitingPayment')}</p>
          <p>
            <Link className="button" to={`/checkout/pay/${encodeURIComponent(order.checkoutId)}`}>
              {t('detail.payNow')}
            </Link>
          </p>
        </div>
      ) : null}
      {order.status === 'cancelled' && done === null ? (
        <p>
          {order.paidAt !== null
            ? t('detail.wasCancelledRefunded', {
                by: order.cancelledBy !== null ? cancelledByLabel(t, order.cancelledBy) : '',
                total: formatMoney(order.total),
              })
            : t('detail.wasCancelled', {
                by: order.cancelledBy !== null ? cancelledByLabel(t, order.cancelledBy) : '',
              })}
        </p>
      ) : null}

      <div className="order-layout">
        <section className="order-section" aria-labelledby="order-items">
          <h2 id="order-items">{t('detail.items')}</h2>
          <OrderItems items={order.items} linkProducts />
          <OrderTotals order={order} />
          <ReviewLinks order={order} />
        </section>
        <section className="order-section" aria-labelledby="order-address">
          <h2 id="order-address">{t('detail.shippingAddress')}</h2>
          <Address address={order.shipTo} withPhone />
        </section>
        <section className="order-section" aria-labelledby="order-status">
          <h2 id="order-status">{t('detail.status')}</h2>
          <StatusSteps order={order} />
        </section>
        <section className="order-section" aria-labelledby="order-shipment">
          <h2 id="order-shipment">{t('detail.shipment')}</h2>
          <Shipment order={order} />
        </section>
      </div>

      {order.status === 'delivered' ? <OrderReturnsSection orderId={order.id} /> : null}

      {order.canCancel ? (
        <section className="order-section" aria-labelledby="order-cancel">
          <h2 id="order-cancel">{t('detail.cancelHeading')}</h2>
          <p>{t('detail.cancelHint')}</p>
          <ConfirmAction
            label={t('detail.cancel')}
            question={
              order.paidAt !== null
                ? t('detail.cancelQuestionRefund', { number: order.number, total: formatMoney(order.total) })
                : t('detail.cancelQuestion', { number: order.number })
            }
            confirmLabel={t('detail.confirmCancel')}
            keepLabel={t('detail.keep')}
            pending={pending}
            onConfirm={cancel}
          />
        </section>
      ) : null}
    </>
  );
}

export function OrderDetailPage() {
  const { t } = useTranslation('orders');
  const { id = '' } = useParams();
  const { state, retry } = useLoad(id, (signal) => ordersApi.getOrder(id, signal));
  const notFound =
    state.status === 'failed' && (state.error.status === 404 || state.error.code === 'VALIDATION_FAILED');
  usePageTitle(
    state.status === 'loaded'
      ? t('detail.title', { number: state.data.number })
      : notFound
        ? t('detail.notFound')
        : t('detail.orderTitle'),
  );

  if (state.status === 'loaded') return <OrderDetails key={state.data.id} initial={state.data} />;
  if (notFound) {
    return (
      <>
        <h1 tabIndex={-1}>{t('detail.notFound')}</h1>
        <p>{t('detail.notFoundText')}</p>
        <p>
          <Link to="/account/orders">{t('detail.seeAll')}</Link>
        </p>
      </>
    );
  }
  if (state.status === 'failed') {
    return (
      <>
        <h1 tabIndex={-1}>{t('detail.orderTitle')}</h1>
        <LoadError error={state.error} what={t('detail.loadWhat')} onRetry={retry} />
      </>
    );
  }
  return <Loading>{t('detail.loading')}</Loading>;
}
