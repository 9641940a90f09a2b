// A return parcel on the public tracking page (/track/<number> when the number is a return's):
// where the items sent back are, without naming anyone.
import { Link } from 'react-router';
import { DateTime } from '../../../components/date-time.tsx';
import type { ReturnParcel } from '../api.ts';

const PARCEL_STATUS = { on_its_way_back: 'On its way back to the seller', received: 'Received by the seller' } as const;
const EVENT_WORDS: Record<string, string> = {
  return_label_issued: 'Return label issued',
  received_by_seller: 'Received by the seller',
};

export function ReturnParcelDetails({ parcel }: { parcel: ReturnParcel }) {
  return (
    <>
      <h1 tabIndex={-1}>Return parcel {parcel.trackingNumber}</h1>
      <section className="tracking-summary" aria-labelledby="tracking-status">
        <p className="tracking-status-label">Status</p>
        <h2 id="tracking-status" className="tracking-status">
          {PARCEL_STATUS[parcel.status]}
        </h2>
        <dl className="details">
          <div>
            <dt>Carrier</dt>
            <dd>{parcel.carrier}</dd>
          </div>
        </dl>
      </section>
      <section className="section" aria-labelledby="tracking-timeline">
        <h2 id="tracking-timeline">Timeline</h2>
        <ol className="timeline" aria-label="Return parcel, oldest first">
          {parcel.events.map((event) => (
            <li key={event.status} className="timeline-step">
              <span className="timeline-status">{EVENT_WORDS[event.status] ?? event.status}</span>{' '}
              <span className="timeline-time">
                <DateTime iso={event.at} />
              </span>
            </li>
          ))}
        </ol>
      </section>
      <p className="section">
        <Link to="/track">Track another parcel</Link>
      </p>
    </>
  );
}
