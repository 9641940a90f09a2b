// One of the store's orders in the seller center: what was bought, where it goes, its parcel, and
// the next step (ship, add a scan, cancel); it shows the order as it is now when someone else changed it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { Address, OrderItems, OrderStatusBadge, ShipmentStatusBadge, TrackingLink } from './order-parts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { ConfirmAction } from '../../../components/confirm-action.tsx';
import { ordersApi, type Order } from '../api.ts';
import { formatMoney } from '../../../lib/format.ts';
import { orderStatusLabel, shipmentStatusLabel } from '../order-status.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { noticeStale, ShipForm, TrackingEvents } from './fulfilment-forms.tsx';

export function SellerOrderCard({ initial }: { initial: Order }) {
  const { t } = useTranslation('orders');
  const [order, setOrder] = useState(initial);
  const [done, setDone] = useState<string | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const cancelRequest = useRequest();

  useEffect(() => {
    if (done !== null) doneRef.current?.focus();
  }, [done]);

  function setDoneOnly(message: string) {
    setChanged(null);
    setDone(message);
  }

  // The buyer or another tab changed the order meanwhile: show it as it is now, and say so.
  const refresh = async () => {
    try {
      const now = await ordersApi.getSellerOrder(order.id);
      setOrder(now);
      setDone(null);
      setChanged(t('card.changed', { status: orderStatusLabel(t, now.status) }));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
    }
  };

  async function cancel(): Promise<boolean> {
    const outcome = await cancelRequest.run(() => noticeStale(() => ordersApi.cancelSellerOrder(order.id), refresh));
    if (!outcome.ok) return false;
    setOrder(outcome.value);
    setDoneOnly(
      order.paidAt !== null ? t('card.cancelledRefunded', { total: formatMoney(order.total) }) : t('card.cancelled'),
    );
    return true;
  }

  const headingId = `order-${order.id}`;
  return (
    <li className="card seller-order" aria-labelledby={headingId}>
      <div className="order-card-head">
        <h2 id={headingId} className="card-title">
          {t('card.heading', { number: order.number })}
        </h2>
        <OrderStatusBadge status={order.status} />
      </div>
      <p className="muted">
        {t('card.placed')} <DateTime iso={order.placedAt} />
        {order.paidAt !== null ? (
          <>
            {' '}
            {t('card.paid')} <DateTime iso={order.paidAt} />
          </>
        ) : null}
      </p>
      {done !== null ? (
        <div role="status" className="notice notice-success">
          <p ref={doneRef} tabIndex={-1}>
            {done}
          </p>
        </div>
      ) : null}
      {changed !== null ? (
        <div role="alert" className="notice notice-warning">
          <p>{changed}</p>
        </div>
      ) : null}
      <div className="seller-order-body">
        <div>
          <h3>{t('card.items')}</h3>
          <OrderItems items={order.items} />
          <p className="order-total-line">
            {t('card.total')} <strong>{formatMoney(order.total)}</strong>{' '}
            <span className="muted">
              {order.shipping.amount === 0
                ? t('card.shippingFree')
                : t('card.shipping', { amount: formatMoney(order.shipping) })}
            </span>
          </p>
        </div>
        <div>
          <h3>{t('card.shipTo')}</h3>
          <Address address={order.shipTo} withPhone />
          {order.shipment !== null ? (
            <p>
              {order.shipment.carrier}, <TrackingLink trackingNumber={order.shipment.trackingNumber} />{' '}
              <ShipmentStatusBadge status={order.shipment.status} />
            </p>
          ) : null}
        </div>
      </div>
      {order.canShip ? (
        <ShipForm
          order={order}
          onStale={refresh}
          onShipped={(shipped) => {
            setOrder(shipped);
            setDoneOnly(
              t('card.shipped', {
                carrier: shipped.shipment?.carrier ?? t('card.theCarrier'),
                number: shipped.shipment?.trackingNumber ?? '',
              }),
            );
          }}
        />
      ) : null}
      <TrackingEvents
        order={order}
        onStale={refresh}
        onAdded={(updated, status) => {
          setOrder(updated);
          setDoneOnly(t('card.eventAdded', { status: shipmentStatusLabel(t, status) }));
        }}
      />
      {order.canCancel ? (
        <div className="seller-order-cancel">
          <ErrorAlert error={cancelRequest.error} />
          <ConfirmAction
            label={t('card.cancel')}
            context={order.number}
            question={
              order.paidAt !== null
                ? t('card.cancelQuestionRefund', { number: order.number, total: formatMoney(order.total) })
                : t('card.cancelQuestion', { number: order.number })
            }
            confirmLabel={t('card.confirmCancel')}
            keepLabel={t('card.keep')}
            pending={cancelRequest.pending}
            onConfirm={cancel}
          />
        </div>
      ) : null}
    </li>
  );
}
