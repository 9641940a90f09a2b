// The seller's incoming orders: filter by status ("To ship" first), ship with a carrier and
// tracking number, add carrier scans, cancel. Renders inside whatever layout routes it; the
// filter and page live in the query string of the current path.
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import {
  Address,
  ConfirmAction,
  DateTime,
  OrderItems,
  OrderStatusBadge,
  ShipmentStatusBadge,
  TrackingLink,
} from '../components/order-parts.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { normaliseTrackingNumber, ordersApi, type Order, type OrderStatus, type TrackingEventStatus } from '../api.ts';
import { formatMoney, pluralize } from '../../../lib/format.ts';
import { nextShipmentStatuses, ORDER_STATUS_LABELS, SHIPMENT_STATUS_LABELS } from '../order-status.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';

const PAGE_SIZE = 20;

const FILTERS = [
  { key: 'paid', label: 'To ship', empty: 'No orders are waiting to be shipped.' },
  { key: 'shipped', label: 'Shipped', empty: 'No orders are on their way.' },
  { key: 'delivered', label: 'Delivered', empty: 'No orders have been delivered yet.' },
  { key: 'cancelled', label: 'Cancelled', empty: 'No orders have been cancelled.' },
  { key: 'all', label: 'All', empty: 'Your store has no orders yet.' },
] as const;
type FilterKey = (typeof FILTERS)[number]['key'];

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
  if (!/^[A-Z0-9-]{6,40}$/.test(normaliseTrackingNumber(trackingNumber))) errors.trackingNumber = SHIP_WORDING.fieldMessages.trackingNumber;
  return errors;
}

/** Runs a request; when the order was in another state than shown (ORDER_STATE), calls onStale too. */
async function noticeStale<T>(send: () => Promise<T>, onStale: () => void): Promise<T> {
  try {
    return await send();
  } catch (failure) {
    if (failure instanceof ApiError && failure.code === 'ORDER_STATE') onStale();
    throw failure;
  }
}

function ShipForm({ order, onShipped, onStale }: { order: Order; onShipped: (order: Order) => void; onStale: () => void }) {
  const { pending, error, run } = useRequest(SHIP_WORDING);
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = { carrier: formText(form, 'carrier').trim(), trackingNumber: formText(form, 'trackingNumber').trim() };
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
  const alert = error?.code === 'TRACKING_NUMBER_TAKEN' ? { ...error, message: 'Please correct the field marked below.' } : error;

  return (
    <form className="form ship-form" aria-label={`Ship order ${order.number}`} noValidate onSubmit={onSubmit}>
      <h3>Mark as shipped</h3>
      <ErrorAlert error={alert} formFields={SHIP_FIELDS} />
      <div className="ship-form-fields">
        <TextField label="Carrier" name="carrier" autoComplete="off" maxLength={60} error={invalid.carrier ?? error?.fields.carrier} />
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

function TrackingEvents({ order, onAdded, onStale }: { order: Order; onAdded: (order: Order, status: TrackingEventStatus) => void; onStale: () => void }) {
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
          <button key={status} type="button" className="button button-secondary" disabled={pending} onClick={() => add(status)}>
            {SHIPMENT_STATUS_LABELS[status]}
          </button>
        ))}
      </div>
    </div>
  );
}

function SellerOrderCard({ initial }: { initial: Order }) {
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
      setChanged(`This order changed meanwhile. It is now: ${ORDER_STATUS_LABELS[now.status]}.`);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
    }
  };

  async function cancel(): Promise<boolean> {
    const outcome = await cancelRequest.run(() => noticeStale(() => ordersApi.cancelSellerOrder(order.id), refresh));
    if (!outcome.ok) return false;
    setOrder(outcome.value);
    setDoneOnly(order.paidAt !== null ? `Order cancelled. The buyer is refunded ${formatMoney(order.total)}.` : 'Order cancelled.');
    return true;
  }

  const headingId = `order-${order.id}`;
  return (
    <li className="card seller-order" aria-labelledby={headingId}>
      <div className="order-card-head">
        <h2 id={headingId} className="card-title">
          Order {order.number}
        </h2>
        <OrderStatusBadge status={order.status} />
      </div>
      <p className="muted">
        Placed <DateTime iso={order.placedAt} />
        {order.paidAt !== null ? (
          <>
            {' '}
            · paid <DateTime iso={order.paidAt} />
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
          <h3>Items</h3>
          <OrderItems items={order.items} />
          <p className="order-total-line">
            Total <strong>{formatMoney(order.total)}</strong>{' '}
            <span className="muted">(shipping {order.shipping.amount === 0 ? 'free' : formatMoney(order.shipping)})</span>
          </p>
        </div>
        <div>
          <h3>Ship to</h3>
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
            setDoneOnly(`Marked as shipped with ${shipped.shipment?.carrier ?? 'the carrier'}, tracking number ${shipped.shipment?.trackingNumber ?? ''}.`);
          }}
        />
      ) : null}
      <TrackingEvents
        order={order}
        onStale={refresh}
        onAdded={(updated, status) => {
          setOrder(updated);
          setDoneOnly(`Tracking event added: ${SHIPMENT_STATUS_LABELS[status]}.`);
        }}
      />
      {order.canCancel ? (
        <div className="seller-order-cancel">
          <ErrorAlert error={cancelRequest.error} />
          <ConfirmAction
            label="Cancel order"
            context={order.number}
            question={
              order.paidAt !== null
                ? `Cancel order ${order.number}? The buyer is refunded ${formatMoney(order.total)} and told by email.`
                : `Cancel order ${order.number}? The buyer is told by email.`
            }
            confirmLabel="Yes, cancel order"
            keepLabel="Keep order"
            pending={cancelRequest.pending}
            onConfirm={cancel}
          />
        </div>
      ) : null}
    </li>
  );
}

export function SellerOrdersPage() {
  usePageTitle('Store orders');
  const { pathname, search } = useLocation();
  const [params] = useSearchParams();
  const filter = readFilter(params.get('status'));
  const page = readPage(params.get('page'));
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
        <h1 tabIndex={-1}>Store orders</h1>
        <p>
          You do not have a store yet. <Link to="/seller">Open a store</Link> to start selling and receive orders.
        </p>
      </>
    );
  }
  const list = state.status === 'loaded' ? state.data : undefined;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Store orders
      </h1>
      <nav aria-label="Filter orders by status" className="status-filter">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.key}>
              <Link to={hrefFor(pathname, f.key)} aria-current={f.key === filter.key ? 'page' : undefined}>
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.status === 'failed' ? <LoadError error={state.error} what="your store's orders" onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>Loading orders…</Loading> : null}
      {list !== undefined && list.total === 0 ? <p className="empty-results">{filter.empty}</p> : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">
            {filter.label}: {pluralize(list.total, 'order', 'orders')}, newest first.
          </p>
          <ul className="card-list" aria-label={`Orders: ${filter.label}`}>
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
