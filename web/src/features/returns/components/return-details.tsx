// One return as both sides see it: status, items, amounts, the return parcel, the refund, photos
// and the dated timeline.
import { Link } from 'react-router';
import { DateTime } from '../../../components/date-time.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { eventLabel, REASON_LABELS, STATUS_LABELS, type Return } from '../api.ts';
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
  return <span className={`badge ${TONE[status]}`}>{STATUS_LABELS[status]}</span>;
}

export function ReturnDetails({ ret, headingLevel = 3 }: { ret: Return; headingLevel?: 3 | 4 }) {
  const Heading = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as 'h4' | 'h5';
  return (
    <>
      <Heading>
        Return {ret.number} <ReturnStatusBadge status={ret.status} />
      </Heading>
      <dl className="details">
        <div>
          <dt>Items</dt>
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
          <dt>Reason</dt>
          <dd>{REASON_LABELS[ret.reason]}</dd>
        </div>
        {ret.comment !== null ? (
          <div>
            <dt>Comment</dt>
            <dd className="return-comment">{ret.comment}</dd>
          </div>
        ) : null}
        <div>
          <dt>Refund asked</dt>
          <dd>{formatMoney(ret.requested)}</dd>
        </div>
        {ret.offered !== null ? (
          <div>
            <dt>Refund offered</dt>
            <dd>{formatMoney(ret.offered)}</dd>
          </div>
        ) : null}
        {ret.refusalReason !== null ? (
          <div>
            <dt>Why the seller refused</dt>
            <dd className="return-comment">{ret.refusalReason}</dd>
          </div>
        ) : null}
        {ret.status === 'requested' ? (
          <div>
            <dt>Seller answers by</dt>
            <dd>
              <DateTime iso={ret.respondBy} />
            </dd>
          </div>
        ) : null}
        {ret.returnParcel !== null ? (
          <div>
            <dt>Return parcel</dt>
            <dd>
              {ret.returnParcel.carrier},{' '}
              <Link to={`/track/${encodeURIComponent(ret.returnParcel.trackingNumber)}`}>
                {ret.returnParcel.trackingNumber}
              </Link>
              {ret.returnParcel.receivedAt !== null ? (
                <>
                  {' '}
                  · received <DateTime iso={ret.returnParcel.receivedAt} />
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {ret.refund !== null ? (
          <div>
            <dt>Refund</dt>
            <dd>
              {formatMoney(ret.refund.amount)} ·{' '}
              {ret.refund.status === 'succeeded' && ret.refund.succeededAt !== null ? (
                <>
                  sent <DateTime iso={ret.refund.succeededAt} />
                </>
              ) : ret.refund.status === 'failed' ? (
                <>
                  the payment provider refused it ({ret.refund.failureCode ?? 'no reason given'})
                  {ret.refund.nextAttemptAt !== null ? (
                    <>
                      ; next try <DateTime iso={ret.refund.nextAttemptAt} />
                    </>
                  ) : null}
                </>
              ) : (
                'on its way'
              )}
            </dd>
          </div>
        ) : null}
        {ret.dispute !== null ? (
          <div>
            <dt>Souk support</dt>
            <dd>
              {ret.dispute.status === 'open' ? (
                <>
                  Deciding by <DateTime iso={ret.dispute.dueAt} />
                </>
              ) : (
                'Decided'
              )}
            </dd>
          </div>
        ) : null}
      </dl>
      {ret.photos.length > 0 ? (
        <ul className="return-photos" aria-label={`Photos of return ${ret.number}`}>
          {ret.photos.map((photo, n) => (
            <li key={photo.id}>
              <a href={photo.url} target="_blank" rel="noreferrer">
                <img src={photo.url} alt={`Photo ${n + 1} of return ${ret.number}`} width={96} height={96} />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <Sub>Timeline</Sub>
      <ol className="timeline" aria-label={`Return ${ret.number}, oldest first`}>
        {ret.events.map((event, n) => (
          <li key={`${event.kind}-${n}`} className="timeline-step">
            <span className="timeline-status">
              {eventLabel(event.kind)}
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
