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

function TrackingDetails({ tracking }: { tracking: Tracking }) {
  const deliveredAt =
    tracking.status === 'delivered' ? tracking.events.findLast((e) => e.status === 'delivered')?.at : undefined;
  const estimate = tracking.estimatedDelivery === null ? null : deliveryWindow(tracking.estimatedDelivery);
  return (
    <>
      <h1 tabIndex={-1}>Parcel {tracking.trackingNumber}</h1>
      <section className="tracking-summary" aria-labelledby="tracking-status">
        <p className="tracking-status-label">Status</p>
        <h2 id="tracking-status" className={`tracking-status tracking-status-${tracking.status}`}>
          {SHIPMENT_STATUS_LABELS[tracking.status]}
        </h2>
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
      <section className="section" aria-labelledby="tracking-timeline">
        <h2 id="tracking-timeline">Timeline</h2>
        <TrackingTimeline events={tracking.events} label="Parcel scans, oldest first" />
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

type Found = { kind: 'order'; parcel: Tracking } | { kind: 'return'; parcel: ReturnParcel };

/** An order's parcel by its number; when there is none, a return parcel (items sent back) by it. */
async function findParcel(trackingNumber: string, signal: AbortSignal): Promise<Found> {
  try {
    return { kind: 'order', parcel: await ordersApi.track(trackingNumber, signal) };
  } catch (error) {
    const returnable = normaliseTrackingNumber(trackingNumber).length >= 6;
    if (!(error instanceof ApiError) || error.status !== 404 || !returnable) throw error;
    try {
      return { kind: 'return', parcel: await returnsApi.trackReturn(trackingNumber, signal) };
    } catch (second) {
      // Not a return's either: the parcel's own answer (404) stands; anything else is told as is.
      throw second instanceof ApiError && second.status !== 404 ? second : error;
    }
  }
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
      ? `${state.data.kind === 'return' ? 'Return parcel' : 'Parcel'} ${state.data.parcel.trackingNumber}`
      : 'Track a parcel',
  );

  if (state.status === 'loaded')
    return state.data.kind === 'return' ? (
      <ReturnParcelDetails parcel={state.data.parcel} />
    ) : (
      <TrackingDetails tracking={state.data.parcel} />
    );
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
