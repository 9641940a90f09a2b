// What a seller does to a paid order: ship it with a carrier and tracking number, then add the
// carrier's scans. A request refused because the order changed meanwhile (ORDER_STATE) calls onStale.
import { useState, type SubmitEvent } from 'react';
import { ApiError } from '../../../api/client.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { normaliseTrackingNumber, ordersApi, type Order, type TrackingEventStatus } from '../api.ts';
import { nextShipmentStatuses, SHIPMENT_STATUS_LABELS } from '../order-status.ts';
import { useRequest } from '../../../lib/use-request.ts';

const SHIP_FIELDS = ['carrier', 'trackingNumber'] as const;
const SHIP_WORDING = {
  codeFields: { TRACKING_NUMBER_TAKEN: 'trackingNumber' },
  fieldMessages: {
    carrier: 'Enter the carrier, 1 to 60 characters.',
    trackingNumber: 'Enter the tracking number: 6 to 40 letters, digits or dashes.',
  },
};

function validateShipment(carrier: string, trackingNumber: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (carrier === '') errors.carrier = 'Enter the carrier, for example Colissimo or DHL.';
  else if (carrier.length > 60) errors.carrier = SHIP_WORDING.fieldMessages.carrier;
  if (!/^[A-Z0-9-]{6,40}$/.test(normaliseTrackingNumber(trackingNumber)))
    errors.trackingNumber = SHIP_WORDING.fieldMessages.trackingNumber;
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
  const { pending, error, run } = useRequest(SHIP_WORDING);
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = {
      carrier: formText(form, 'carrier').trim(),
      trackingNumber: formText(form, 'trackingNumber').trim(),
    };
    const problems = validateShipment(input.carrier, input.trackingNumber);
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
  const alert =
    error?.code === 'TRACKING_NUMBER_TAKEN' ? { ...error, message: 'Please correct the field marked below.' } : error;

  return (
    <form className="form ship-form" aria-label={`Ship order ${order.number}`} noValidate onSubmit={onSubmit}>
      <h3>Mark as shipped</h3>
      <ErrorAlert error={alert} formFields={SHIP_FIELDS} />
      <div className="ship-form-fields">
        <TextField
          label="Carrier"
          name="carrier"
          autoComplete="off"
          maxLength={60}
          error={invalid.carrier ?? error?.fields.carrier}
        />
        <TextField
          label="Tracking number"
          name="trackingNumber"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={60}
          error={invalid.trackingNumber ?? error?.fields.trackingNumber}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        Mark as shipped
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
      <h3 id={`events-${order.id}`}>Add a tracking event</h3>
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
            {SHIPMENT_STATUS_LABELS[status]}
          </button>
        ))}
      </div>
    </div>
  );
}
