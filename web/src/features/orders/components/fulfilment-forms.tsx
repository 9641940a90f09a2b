// What a seller does to a paid order: ship it with a carrier and tracking number, then add the
// carrier's scans. A request refused because the order changed meanwhile (ORDER_STATE) calls onStale.
import { useState, type SubmitEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { normaliseTrackingNumber, ordersApi, type Order, type TrackingEventStatus } from '../api.ts';
import { nextShipmentStatuses, shipmentStatusLabel } from '../order-status.ts';
import { useRequest } from '../../../lib/use-request.ts';

const SHIP_FIELDS = ['carrier', 'trackingNumber'] as const;
function validateShipment(t: TFunction<'orders'>, carrier: string, trackingNumber: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (carrier === '') errors.carrier = t('orders:ship.carrierMissing');
  else if (carrier.length > 60) errors.carrier = t('orders:ship.carrierError');
  if (!/^[A-Z0-9-]{6,40}$/.test(normaliseTrackingNumber(trackingNumber)))
    errors.trackingNumber = t('orders:ship.trackingError');
  return errors;
}

/** Runs a request; when the order was in another state than shown (ORDER_STATE), calls onStale too. */
export async function noticeStale<T>(send: () => Promise<T>, onStale: () => void): Promise<T> {
  try {
    return await send();
  } catch (failure) {
    if (failure instanceof ApiError && failure.code === 'ORDER_STATE') onStale();
    throw failure;
  }
}

export function ShipForm({
  order,
  onShipped,
  onStale,
}: {
  order: Order;
  onShipped: (order: Order) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation('orders');
  const { pending, error, run } = useRequest({
    codeFields: { TRACKING_NUMBER_TAKEN: 'trackingNumber' },
    fieldMessages: { carrier: t('ship.carrierError'), trackingNumber: t('ship.trackingError') },
  });
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = {
      carrier: formText(form, 'carrier').trim(),
      trackingNumber: formText(form, 'trackingNumber').trim(),
    };
    const problems = validateShipment(t, input.carrier, input.trackingNumber);
    setInvalid(problems);
    if (Object.keys(problems).length > 0) {
      form.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const outcome = await run(() => noticeStale(() => ordersApi.shipOrder(order.id, input), onStale));
    if (outcome.ok) onShipped(outcome.value);
    else form.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }

  // A taken number is shown at its field; the alert then only points there.
  const alert = error?.code === 'TRACKING_NUMBER_TAKEN' ? { ...error, message: t('ship.correctBelow') } : error;

  return (
    <form
      className="form ship-form"
      aria-label={t('ship.formLabel', { number: order.number })}
      noValidate
      onSubmit={onSubmit}
    >
      <h3>{t('ship.heading')}</h3>
      <ErrorAlert error={alert} formFields={SHIP_FIELDS} />
      <div className="ship-form-fields">
        <TextField
          label={t('ship.carrier')}
          name="carrier"
          autoComplete="off"
          maxLength={60}
          error={invalid.carrier ?? error?.fields.carrier}
        />
        <TextField
          label={t('ship.trackingNumber')}
          name="trackingNumber"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={60}
          error={invalid.trackingNumber ?? error?.fields.trackingNumber}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('ship.submit')}
      </button>
    </form>
  );
}

export function TrackingEvents({
  order,
  onAdded,
  onStale,
}: {
  order: Order;
  onAdded: (order: Order, status: TrackingEventStatus) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation('orders');
  const { pending, error, run } = useRequest();
  if (order.status !== 'shipped' || order.shipment === null) return null;
  const next = nextShipmentStatuses(order.shipment.status);
  if (next.length === 0) return null;

  async function add(status: TrackingEventStatus) {
    const outcome = await run(() => noticeStale(() => ordersApi.addTrackingEvent(order.id, status), onStale));
    if (outcome.ok) onAdded(outcome.value, status);
  }

  return (
    <div className="tracking-events" role="group" aria-labelledby={`events-${order.id}`}>
      <h3 id={`events-${order.id}`}>{t('ship.addEvent')}</h3>
      <ErrorAlert error={error} />
      <div className="button-row">
        {next.map((status) => (
          <button
            key={status}
            type="button"
            className="button button-secondary"
            disabled={pending}
            onClick={() => add(status)}
          >
            {shipmentStatusLabel(t, status)}
          </button>
        ))}
      </div>
    </div>
  );
}
