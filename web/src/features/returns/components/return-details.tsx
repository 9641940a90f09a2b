// One return as both sides see it: status, items, amounts, the return parcel, the refund, photos
// and the dated timeline.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '../../../components/date-time.tsx';
import { formatMoney } from '../../../lib/format.ts';
import type { Return } from '../api.ts';
import { eventLabel, reasonLabel, statusLabel } from '../wording.ts';
import '../styles.css';

const TONE: Record<Return['status'], string> = {
  requested: 'badge-warning',
  awaiting_return: 'badge-info',
  partial_offered: 'badge-warning',
  refused: 'badge-muted',
  escalated: 'badge-warning',
  refunding: 'badge-info',
  refunded: 'badge-success',
  closed: 'badge-muted',
};

export function ReturnStatusBadge({ status }: { status: Return['status'] }) {
  const { t } = useTranslation('returns');
  return <span className={`badge ${TONE[status]}`}>{statusLabel(t, status)}</span>;
}

export function ReturnDetails({ ret, headingLevel = 3 }: { ret: Return; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation('returns');
  const Heading = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as 'h4' | 'h5';
  return (
    <>
      <Heading>
        {t('details.heading', { number: ret.number })} <ReturnStatusBadge status={ret.status} />
      </Heading>
      <dl className="details">
        <div>
          <dt>{t('details.items')}</dt>
          <dd>
            <ul className="return-items">
              {ret.items.map((item) => (
                <li key={item.position}>
                  {item.quantity} × {item.title}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('details.reason')}</dt>
          <dd>{reasonLabel(t, ret.reason)}</dd>
        </div>
        {ret.comment !== null ? (
          <div>
            <dt>{t('details.comment')}</dt>
            <dd className="return-comment">{ret.comment}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('details.refundAsked')}</dt>
          <dd>{formatMoney(ret.requested)}</dd>
        </div>
        {ret.offered !== null ? (
          <div>
            <dt>{t('details.refundOffered')}</dt>
            <dd>{formatMoney(ret.offered)}</dd>
          </div>
        ) : null}
        {ret.refusalReason !== null ? (
          <div>
            <dt>{t('details.whyRefused')}</dt>
            <dd className="return-comment">{ret.refusalReason}</dd>
          </div>
        ) : null}
        {ret.status === 'requested' ? (
          <div>
            <dt>{t('details.answersBy')}</dt>
            <dd>
              <DateTime iso={ret.respondBy} />
            </dd>
          </div>
        ) : null}
        {ret.returnParcel !== null ? (
          <div>
            <dt>{t('details.returnParcel')}</dt>
            <dd>
              {ret.returnParcel.carrier},{' '}
              <Link to={`/track/${encodeURIComponent(ret.returnParcel.trackingNumber)}`}>
                {ret.returnParcel.trackingNumber}
              </Link>
              {ret.returnParcel.receivedAt !== null ? (
                <>
                  {' '}
                  {t('details.received')} <DateTime iso={ret.returnParcel.receivedAt} />
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {ret.refund !== null ? (
          <div>
            <dt>{t('details.refund')}</dt>
            <dd>
              {formatMoney(ret.refund.amount)} ·{' '}
              {ret.refund.status === 'succeeded' && ret.refund.succeededAt !== null ? (
                <>
                  {t('details.sent')} <DateTime iso={ret.refund.succeededAt} />
                </>
              ) : ret.refund.status === 'failed' ? (
                <>
                  {t('details.providerRefused', { code: ret.refund.failureCode ?? t('details.noReason') })}
                  {ret.refund.nextAttemptAt !== null ? (
                    <>
                      {t('details.nextTry')} <DateTime iso={ret.refund.nextAttemptAt} />
                    </>
                  ) : null}
                </>
              ) : (
                t('details.onItsWay')
              )}
            </dd>
          </div>
        ) : null}
        {ret.dispute !== null ? (
          <div>
            <dt>{t('details.support')}</dt>
            <dd>
              {ret.dispute.status === 'open' ? (
                <>
                  {t('details.decidingBy')} <DateTime iso={ret.dispute.dueAt} />
                </>
              ) : (
                t('details.decided')
              )}
            </dd>
          </div>
        ) : null}
      </dl>
      {ret.photos.length > 0 ? (
        <ul className="return-photos" aria-label={t('details.photosLabel', { number: ret.number })}>
          {ret.photos.map((photo, n) => (
            <li key={photo.id}>
              <a href={photo.url} target="_blank" rel="noreferrer">
                <img
                  src={photo.url}
                  alt={t('details.photoAlt', { n: n + 1, number: ret.number })}
                  width={96}
                  height={96}
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <Sub>{t('details.timeline')}</Sub>
      <ol className="timeline" aria-label={t('details.timelineLabel', { number: ret.number })}>
        {ret.events.map((event, n) => (
          <li key={`${event.kind}-${n}`} className="timeline-step">
            <span className="timeline-status">
              {eventLabel(t, event.kind)}
              {event.amount !== null ? ` (${formatMoney(event.amount)})` : ''}
            </span>{' '}
            <span className="timeline-time">
              <DateTime iso={event.at} />
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
