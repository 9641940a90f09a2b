// Public parcel tracking: /track (a form) and /track/<number>. Works signed out and shows only
// what the API gives anyone holding the number: carrier, destination country, scans.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
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
import { parseCalendarDate, shipmentStatusLabel } from '../order-status.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { returnsApi, type ReturnParcel } from '../../returns/api.ts';
import { ReturnParcelDetails } from '../../returns/components/return-parcel.tsx';
import '../styles.css';

type TrackFormProps = {
  initial?: string;
  serverError?: string | undefined;
  /** Called instead of navigating when the number is the one already on screen (to look again). */
  onSame?: (() => void) | undefined;
};

function TrackForm({ initial = '', serverError, onSame }: TrackFormProps) {
  const { t } = useTranslation('orders');
  const navigate = useNavigate();
  const [error, setError] = useState<string | undefined>(undefined);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = formText(event.currentTarget, 'trackingNumber').trim();
    if (raw === '') return setError(t('track.enterNumber'));
    if (!isPlausibleTrackingNumber(raw)) return setError(t('track.badFormat'));
    setError(undefined);
    const number = normaliseTrackingNumber(raw);
    if (onSame !== undefined && number === normaliseTrackingNumber(initial)) return onSame();
    navigate(`/track/${encodeURIComponent(number)}`);
  }

  return (
    <form className="form track-form" aria-label={t('track.formLabel')} noValidate onSubmit={onSubmit}>
      <TextField
        key={initial}
        label={t('track.trackingNumber')}
        name="trackingNumber"
        defaultValue={initial}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        hint={t('track.formatHint')}
        error={error ?? serverError}
        maxLength={60}
      />
      <button type="submit" className="button">
        {t('track.submit')}
      </button>
    </form>
  );
}

export function TrackPage() {
  const { t } = useTranslation('orders');
  usePageTitle(t('track.title'));
  return (
    <>
      <h1>{t('track.title')}</h1>
      <p>{t('track.intro')}</p>
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
  const { t } = useTranslation('orders');
  const deliveredAt =
    tracking.status === 'delivered' ? tracking.events.findLast((e) => e.status === 'delivered')?.at : undefined;
  const estimate = tracking.estimatedDelivery === null ? null : deliveryWindow(tracking.estimatedDelivery);
  const [Title, Sub] = shared ? (['h2', 'h3'] as const) : (['h1', 'h2'] as const);
  const id = shared ? 'parcel-' : '';
  return (
    <>
      <Title tabIndex={-1} {...(shared ? { id: 'parcel-heading' } : {})}>
        {shared ? t('track.parcelToBuyer') : t('track.parcel', { number: tracking.trackingNumber })}
      </Title>
      <section className="tracking-summary" aria-labelledby={`${id}tracking-status`}>
        <p className="tracking-status-label">{t('track.status')}</p>
        <Sub id={`${id}tracking-status`} className={`tracking-status tracking-status-${tracking.status}`}>
          {shipmentStatusLabel(t, tracking.status)}
        </Sub>
        <dl className="details">
          <div>
            <dt>{t('track.carrier')}</dt>
            <dd>{tracking.carrier}</dd>
          </div>
          <div>
            <dt>{t('track.destination')}</dt>
            <dd>{countryName(tracking.destinationCountry)}</dd>
          </div>
          {tracking.shippedAt !== null ? (
            <div>
              <dt>{t('track.shipped')}</dt>
              <dd>
                <DateTime iso={tracking.shippedAt} />
              </dd>
            </div>
          ) : null}
          {deliveredAt !== undefined ? (
            <div>
              <dt>{t('track.delivered')}</dt>
              <dd>
                <DateTime iso={deliveredAt} />
              </dd>
            </div>
          ) : null}
          {estimate !== null ? (
            <div>
              <dt>{t('track.estimate')}</dt>
              <dd>{estimate}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="section" aria-labelledby={`${id}tracking-timeline`}>
        <Sub id={`${id}tracking-timeline`}>{t('track.timeline')}</Sub>
        <TrackingTimeline events={tracking.events} label={t('track.scansLabel')} />
      </section>
      {shared ? null : (
        <p className="section">
          <Link to="/track">{t('track.another')}</Link>
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
  const { t } = useTranslation('orders');
  return (
    <>
      <h1 tabIndex={-1}>{t('track.twoParcels', { number: tracking.trackingNumber })}</h1>
      <p>{t('track.twoParcelsText', { carrier: tracking.carrier, returnCarrier: ret.carrier })}</p>
      <section className="section" aria-labelledby="parcel-heading">
        <TrackingDetails tracking={tracking} shared />
      </section>
      <section className="section" aria-labelledby="return-parcel-heading">
        <ReturnParcelDetails parcel={ret} shared />
      </section>
      <p className="section">
        <Link to="/track">{t('track.another')}</Link>
      </p>
    </>
  );
}

/** The form again, after a lookup that found nothing or could not run. */
type TrackAgainProps = { number: string; notice?: string; fieldError?: string; onRetry: () => void };

function TrackAgain({ number, notice, fieldError, onRetry }: TrackAgainProps) {
  const { t } = useTranslation('orders');
  return (
    <>
      <h1 tabIndex={-1}>{t('track.title')}</h1>
      {notice !== undefined ? (
        <div role="alert" className="notice notice-error">
          <p>{notice}</p>
        </div>
      ) : null}
      <TrackForm initial={number} serverError={fieldError} onSame={onRetry} />
    </>
  );
}

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
  const { t } = useTranslation('orders');
  const { trackingNumber = '' } = useParams();
  const plausible = isPlausibleTrackingNumber(trackingNumber);
  const { state, retry } = useLoad(trackingNumber, (signal) =>
    plausible
      ? findParcel(trackingNumber, signal)
      : Promise.reject(new ApiError(400, 'VALIDATION_FAILED', 'Not a tracking number.')),
  );
  usePageTitle(
    state.status === 'loaded'
      ? state.data.kind === 'order'
        ? t('track.titleParcel', { number: state.data.parcel.trackingNumber })
        : state.data.kind === 'return'
          ? t('track.titleReturn', { number: state.data.parcel.trackingNumber })
          : t('track.titleBoth', { number: state.data.parcel.trackingNumber })
      : t('track.title'),
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
  if (state.status === 'loading') return <Loading>{t('track.loading')}</Loading>;
  const { error } = state;
  if (error.status === 404) return <TrackAgain number={trackingNumber} notice={t('track.notFound')} onRetry={retry} />;
  if (error.code === 'VALIDATION_FAILED')
    return <TrackAgain number={trackingNumber} fieldError={t('track.badFormat')} onRetry={retry} />;
  if (error.status === 429)
    return <TrackAgain number={trackingNumber} notice={describeError(error).message} onRetry={retry} />;
  return (
    <>
      <h1 tabIndex={-1}>{t('track.title')}</h1>
      <LoadError error={error} what={t('track.loadWhat')} onRetry={retry} />
    </>
  );
}
