// Public parcel tracking: /track (a form) and /track/<number>. Works signed out and shows only
// what the API gives anyone holding the number: carrier, destination country, scans.
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { formText, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { TrackingTimeline } from '../components/order-parts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { isPlausibleTrackingNumber, normaliseTrackingNumber, ordersApi, type Tracking } from '../api.ts';
import { countryName } from '../../../lib/countries.ts';
import { describeError } from '../../../lib/form-error.ts';
import { formatDate } from '../../../lib/format.ts';
import { parseCalendarDate, SHIPMENT_STATUS_LABELS } from '../order-status.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { returnsApi, type ReturnParcel } from '../../returns/api.ts';
import { ReturnParcelDetails } from '../../returns/components/return-parcel.tsx';
import '../styles.css';

const FORMAT_HINT = 'Letters, digits, spaces and dashes, as printed on your shipping email or label.';

type TrackFormProps = {
  initial?: string;
  serverError?: string | undefined;
  /** Called instead of navigating when the number is the one already on screen (to look again). */
  onSame?: (() => void) | undefined;
};

function TrackForm({ initial = '', serverError, onSame }: TrackFormProps) {
  const navigate = useNavigate();
  const [error, setError] = useState<string | undefined>(undefined);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = formText(event.currentTarget, 'trackingNumber').trim();
    if (raw === '') return setError('Enter a tracking number.');
    if (!isPlausibleTrackingNumber(raw))
      return setError(`Enter the tracking number as printed: ${FORMAT_HINT.toLowerCase()}`);
    setError(undefined);
    const number = normaliseTrackingNumber(raw);
    if (onSame !== undefined && number === normaliseTrackingNumber(initial)) return onSame();
    navigate(`/track/${encodeURIComponent(number)}`);
  }

  return (
    <form className="form track-form" aria-label="Track a parcel" noValidate onSubmit={onSubmit}>
      <TextField
        key={initial}
        label="Tracking number"
        name="trackingNumber"
        defaultValue={initial}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        hint={FORMAT_HINT}
        error={error ?? serverError}
        maxLength={60}
      />
      <button type="submit" className="button">
        Track
      </button>
    </form>
  );
}

export function TrackPage() {
  usePageTitle('Track a parcel');
  return (
    <>
      <h1>Track a parcel</h1>
      <p>Follow a parcel with the tracking number from your shipping email. No account needed.</p>
      <TrackForm />
    </>
  );
}

function deliveryWindow({ from, to }: { from: string; to: string }): string | null {
  const start = parseCalendarDate(from);
  const end = parseCalendarDate(to);
  if (start === null || end === null) return null;
  return from === to ? formatDate(start) : `${formatDate(start)} – ${formatDate(end)}`;
}

/** `shared`: the number is also a return parcel's, shown below it (headings one level down). */
function TrackingDetails({ tracking, shared = false }: { tracking: Tracking; shared?: boolean }) {
  const deliveredAt =
    tracking.status === 'delivered' ? tracking.events.findLast((e) => e.status === 'delivered')?.at : undefined;
  const estimate = tracking.estimatedDelivery === null ? null : deliveryWindow(tracking.estimatedDelivery);
  const [Title, Sub] = shared ? (['h2', 'h3'] as const) : (['h1', 'h2'] as const);
  const id = shared ? 'parcel-' : '';
  return (
    <>
      <Title tabIndex={-1} {...(shared ? { id: 'parcel-heading' } : {})}>
        {shared ? 'Parcel sent to a buyer' : `Parcel ${tracking.trackingNumber}`}
      </Title>
      <section className="tracking-summary" aria-labelledby={`${id}tracking-status`}>
        <p className="tracking-status-label">Status</p>
        <Sub id={`${id}tracking-status`} className={`tracking-status tracking-status-${tracking.status}`}>
          {SHIPMENT_STATUS_LABELS[tracking.status]}
        </Sub>
        <dl className="details">
          <div>
            <dt>Carrier</dt>
            <dd>{tracking.carrier}</dd>
          </div>
          <div>
            <dt>Destination</dt>
            <dd>{countryName(tracking.destinationCountry)}</dd>
          </div>
          {tracking.shippedAt !== null ? (
            <div>
              <dt>Shipped</dt>
              <dd>
                <DateTime iso={tracking.shippedAt} />
              </dd>
            </div>
          ) : null}
          {deliveredAt !== undefined ? (
            <div>
              <dt>Delivered</dt>
              <dd>
                <DateTime iso={deliveredAt} />
              </dd>
            </div>
          ) : null}
          {estimate !== null ? (
            <div>
              <dt>Estimated delivery</dt>
              <dd>{estimate}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="section" aria-labelledby={`${id}tracking-timeline`}>
        <Sub id={`${id}tracking-timeline`}>Timeline</Sub>
        <TrackingTimeline events={tracking.events} label="Parcel scans, oldest first" />
      </section>
      {shared ? null : (
        <p className="section">
          <Link to="/track">Track another parcel</Link>
        </p>
      )}
    </>
  );
}

/**
 * A number both an order's parcel and a return parcel carry (each is unique only among its own
 * kind, and carriers' numbers can meet): both are shown, each saying which it is.
 */
function SharedNumber({ tracking, ret }: { tracking: Tracking; ret: ReturnParcel }) {
  return (
    <>
      <h1 tabIndex={-1}>Two parcels {tracking.trackingNumber}</h1>
      <p>
        This number belongs to two parcels: one sent to a buyer ({tracking.carrier}) and one sent back to a seller (
        {ret.carrier}).
      </p>
      <section className="section" aria-labelledby="parcel-heading">
        <TrackingDetails tracking={tracking} shared />
      </section>
      <section className="section" aria-labelledby="return-parcel-heading">
        <ReturnParcelDetails parcel={ret} shared />
      </section>
      <p className="section">
        <Link to="/track">Track another parcel</Link>
      </p>
    </>
  );
}

/** The form again, after a lookup that found nothing or could not run. */
type TrackAgainProps = { number: string; notice?: string; fieldError?: string; onRetry: () => void };

function TrackAgain({ number, notice, fieldError, onRetry }: TrackAgainProps) {
  return (
    <>
      <h1 tabIndex={-1}>Track a parcel</h1>
      {notice !== undefined ? (
        <div role="alert" className="notice notice-error">
          <p>{notice}</p>
        </div>
      ) : null}
      <TrackForm initial={number} serverError={fieldError} onSame={onRetry} />
    </>
  );
}

const NOT_FOUND =
  'We found no parcel with this number. Check it against your shipping email and try again; a new parcel can take a few hours to appear.';
const BAD_FORMAT = `Enter the tracking number as printed: ${FORMAT_HINT.toLowerCase()}`;

type Found =
  | { kind: 'order'; parcel: Tracking }
  | { kind: 'return'; parcel: ReturnParcel }
  | { kind: 'both'; parcel: Tracking; ret: ReturnParcel };

const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * An order's parcel and a return parcel by the number, asked together: each kind's numbers are
 * unique only among themselves, so one number can be both, and then both are shown.
 */
async function findParcel(trackingNumber: string, signal: AbortSignal): Promise<Found> {
  const returnable = normaliseTrackingNumber(trackingNumber).length >= 6;
  const [order, ret] = await Promise.allSettled([
    ordersApi.track(trackingNumber, signal),
    returnable ? returnsApi.trackReturn(trackingNumber, signal) : Promise.resolve(null),
  ]);
  const orderParcel = order.status === 'fulfilled' ? order.value : null;
  const returnParcel = ret.status === 'fulfilled' ? ret.value : null;
  if (orderParcel && returnParcel) return { kind: 'both', parcel: orderParcel, ret: returnParcel };
  if (orderParcel) return { kind: 'order', parcel: orderParcel };
  if (returnParcel) return { kind: 'return', parcel: returnParcel };
  // Neither: the order parcel's answer (404) stands unless the other failed otherwise.
  if (order.status === 'rejected' && !notFound(order.reason)) throw order.reason;
  if (ret.status === 'rejected' && !notFound(ret.reason)) throw ret.reason;
  throw order.status === 'rejected' ? order.reason : new ApiError(404, 'NOT_FOUND', 'Not found.');
}

export function TrackingPage() {
  const { trackingNumber = '' } = useParams();
  const plausible = isPlausibleTrackingNumber(trackingNumber);
  const { state, retry } = useLoad(trackingNumber, (signal) =>
    plausible
      ? findParcel(trackingNumber, signal)
      : Promise.reject(new ApiError(400, 'VALIDATION_FAILED', 'Not a tracking number.')),
  );
  usePageTitle(
    state.status === 'loaded'
      ? `${{ order: 'Parcel', return: 'Return parcel', both: 'Two parcels' }[state.data.kind]} ${state.data.parcel.trackingNumber}`
      : 'Track a parcel',
  );

  if (state.status === 'loaded') {
    const found = state.data;
    if (found.kind === 'both') return <SharedNumber tracking={found.parcel} ret={found.ret} />;
    return found.kind === 'return' ? (
      <ReturnParcelDetails parcel={found.parcel} />
    ) : (
      <TrackingDetails tracking={found.parcel} />
    );
  }
  if (state.status === 'loading') return <Loading>Looking up the parcel…</Loading>;
  const { error } = state;
  if (error.status === 404) return <TrackAgain number={trackingNumber} notice={NOT_FOUND} onRetry={retry} />;
  if (error.code === 'VALIDATION_FAILED')
    return <TrackAgain number={trackingNumber} fieldError={BAD_FORMAT} onRetry={retry} />;
  if (error.status === 429)
    return <TrackAgain number={trackingNumber} notice={describeError(error).message} onRetry={retry} />;
  return (
    <>
      <h1 tabIndex={-1}>Track a parcel</h1>
      <LoadError error={error} what="this parcel" onRetry={retry} />
    </>
  );
}
