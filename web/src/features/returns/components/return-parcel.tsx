// A return parcel on the public tracking page (/track/<number> when the number is a return's):
// where the items sent back are, without naming anyone.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '../../../components/date-time.tsx';
import type { ReturnParcel } from '../api.ts';

/** `shared`: an order's parcel carries the same number and is shown above it (headings one level down). */
export function ReturnParcelDetails({ parcel, shared = false }: { parcel: ReturnParcel; shared?: boolean }) {
  const { t } = useTranslation('returns');
  const eventWords = (status: string): string =>
    status === 'return_label_issued'
      ? t('parcel.eventLabelIssued')
      : status === 'received_by_seller'
        ? t('parcel.eventReceived')
        : status;
  const [Title, Sub] = shared ? (['h2', 'h3'] as const) : (['h1', 'h2'] as const);
  const id = shared ? 'return-' : '';
  return (
    <>
      <Title tabIndex={-1} {...(shared ? { id: 'return-parcel-heading' } : {})}>
        {shared ? t('parcel.sharedTitle') : t('parcel.title', { number: parcel.trackingNumber })}
      </Title>
      <section className="tracking-summary" aria-labelledby={`${id}tracking-status`}>
        <p className="tracking-status-label">{t('parcel.status')}</p>
        <Sub id={`${id}tracking-status`} className="tracking-status">
          {parcel.status === 'received' ? t('parcel.received') : t('parcel.on_its_way_back')}
        </Sub>
        <dl className="details">
          <div>
            <dt>{t('parcel.carrier')}</dt>
            <dd>{parcel.carrier}</dd>
          </div>
        </dl>
      </section>
      <section className="section" aria-labelledby={`${id}tracking-timeline`}>
        <Sub id={`${id}tracking-timeline`}>{t('parcel.timeline')}</Sub>
        <ol className="timeline" aria-label={t('parcel.timelineLabel')}>
          {parcel.events.map((event) => (
            <li key={event.status} className="timeline-step">
              <span className="timeline-status">{eventWords(event.status)}</span>{' '}
              <span className="timeline-time">
                <DateTime iso={event.at} />
              </span>
            </li>
          ))}
        </ol>
      </section>
      {shared ? null : (
        <p className="section">
          <Link to="/track">{t('parcel.another')}</Link>
        </p>
      )}
    </>
  );
}
