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

/** `shared`: an order's parcel carries the same number and is shown above it (headings one level down). */
export function ReturnParcelDetails({ parcel, shared = false }: { parcel: ReturnParcel; shared?: boolean }) {
  const [Title, Sub] = shared ? (['h2', 'h3'] as const) : (['h1', 'h2'] as const);
  const id = shared ? 'return-' : '';
  return (
    <>
      <Title tabIndex={-1} {...(shared ? { id: 'return-parcel-heading' } : {})}>
        {shared ? 'Return parcel sent back to a seller' : `Return parcel ${parcel.trackingNumber}`}
      </Title>
      <section className="tracking-summary" aria-labelledby={`${id}tracking-status`}>
        <p className="tracking-status-label">Status</p>
        <Sub id={`${id}tracking-status`} className="tracking-status">
          {PARCEL_STATUS[parcel.status]}
        </Sub>
        <dl className="details">
          <div>
            <dt>Carrier</dt>
            <dd>{parcel.carrier}</dd>
          </div>
        </dl>
      </section>
      <section className="section" aria-labelledby={`${id}tracking-timeline`}>
        <Sub id={`${id}tracking-timeline`}>Timeline</Sub>
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
      {shared ? null : (
        <p className="section">
          <Link to="/track">Track another parcel</Link>
        </p>
      )}
    </>
  );
}
