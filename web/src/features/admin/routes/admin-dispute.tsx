// /admin/disputes/:id: both sides of a dispute (the buyer's request, statement and photos, the
// seller's answer, the order, their messages, the timeline) and the decision form: full, partial
// or no refund, with a written reason both sides receive.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { currencyDigits, formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { disputesApi, type DisputeDetail } from '../api.ts';
import { RetryRefundButton, retryOutcome } from '../components/retry-refund-button.tsx';
import { DISPUTE_STATUS_LABELS } from './admin-disputes.tsx';

const EVENT_LABELS: Record<DisputeDetail['return']['events'][number]['kind'], string> = {
  requested: 'Return requested',
  accepted_refund: 'Seller accepted (refund)',
  accepted_return: 'Seller accepted (return parcel)',
  return_received: 'Return parcel received',
  partial_offered: 'Seller offered a partial refund',
  offer_accepted: 'Buyer accepted the offer',
  refused: 'Seller refused',
  escalated: 'Buyer asked Souk support',
  auto_escalated: 'Seller missed the deadline',
  refund_failed: 'Refund failed at the provider',
  refunded: 'Refunded',
  withdrawn: 'Withdrawn',
  dispute_decided: 'Souk support decided',
};

function Decided({ message }: { message: string }) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => region.current?.focus(), []);
  return (
    <div ref={region} tabIndex={-1}>
      <StatusMessage>{message}</StatusMessage>
    </div>
  );
}

function DecideForm({ dispute, onDecided }: { dispute: DisputeDetail; onDecided: (d: DisputeDetail) => void }) {
  const [outcome, setOutcome] = useState<'full' | 'partial' | 'none'>('full');
  const { pending, error, run } = useRequest();
  const digits = currencyDigits(dispute.requested.currency);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get('reason') ?? '');
    const major = Number(String(form.get('amount') ?? '').replace(',', '.'));
    const amount = outcome === 'partial' && Number.isFinite(major) ? Math.round(major * 10 ** digits) : undefined;
    const done = await run(() =>
      disputesApi.decide(dispute.id, { outcome, reason, ...(outcome === 'partial' ? { amount: amount ?? 0 } : {}) }),
    );
    if (done.ok) onDecided(done.value);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="decide-heading">
      <h2 id="decide-heading">Decide</h2>
      <ErrorAlert error={error} formFields={['reason', 'amount']} />
      <fieldset>
        <legend>Outcome</legend>
        {(
          [
            ['full', `Full refund (${formatMoney(dispute.requested)})`],
            ['partial', 'Partial refund'],
            ['none', 'No refund'],
          ] as const
        ).map(([value, label]) => (
          <div key={value} className="field-checkbox">
            <input
              type="radio"
              id={`outcome-${value}`}
              name="outcome"
              value={value}
              checked={outcome === value}
              onChange={() => setOutcome(value)}
            />
            <label htmlFor={`outcome-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      {outcome === 'partial' ? (
        <TextField
          label={`Amount (${dispute.requested.currency})`}
          name="amount"
          inputMode="decimal"
          hint={`Less than ${formatMoney(dispute.requested)}; at most ${formatMoney(dispute.order.refundable)} is left to refund.`}
          error={error?.fields.amount}
        />
      ) : null}
      <TextAreaField
        label="Reason"
        name="reason"
        hint="Both the buyer and the seller receive it."
        maxLength={2000}
        required
        error={error?.fields.reason ?? (error?.code === 'DECISION_REASON_REQUIRED' ? error.message : undefined)}
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Deciding…' : 'Decide'}
      </button>
    </form>
  );
}

export function AdminDisputePage() {
  const { id = '' } = useParams();
  usePageTitle('Dispute');
  const [version, setVersion] = useState(0);
  const [feedback, setFeedback] = useState<string | null>(null);
  const { state, retry } = useLoad(`dispute:${id}:${version}`, (signal) => disputesApi.get(id, signal));
  const d = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  return (
    <>
      <p>
        <Link to="/admin/disputes">All disputes</Link>
      </p>
      <h1 tabIndex={-1}>Dispute {d ? d.returnNumber : ''}</h1>
      {feedback ? <Decided key={feedback} message={feedback} /> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what="the dispute" onRetry={retry} /> : null}
      {d === undefined && state.status === 'loading' ? <Loading>Loading the dispute…</Loading> : null}
      {d ? (
        <>
          <p>
            {DISPUTE_STATUS_LABELS[d.status]} · order {d.order.number} · {d.storeName}
            {d.status === 'open' ? (
              <>
                {' '}
                · {d.overdue ? <strong>Overdue: </strong> : null}due <DateTime iso={d.dueAt} />
              </>
            ) : null}
          </p>
          {d.decisionNote ? <p>Decision reason: {d.decisionNote}</p> : null}
          {d.refund ? (
            <section aria-labelledby="refund-heading">
              <h2 id="refund-heading">Refund</h2>
              <p>
                {formatMoney(d.refund.amount)}: {d.refund.status}, attempt {d.refund.attempt}
                {d.refund.failureCode ? ` (failed: ${d.refund.failureCode})` : ''}
                {d.refund.nextAttemptAt ? (
                  <>
                    {' '}
                    · next try <DateTime iso={d.refund.nextAttemptAt} />
                  </>
                ) : null}
              </p>
              {d.refund.status !== 'succeeded' ? (
                <RetryRefundButton
                  refundId={d.refund.id}
                  onDone={(refund) => {
                    setFeedback(retryOutcome(refund));
                    setVersion((v) => v + 1);
                  }}
                />
              ) : null}
            </section>
          ) : null}
          <section aria-labelledby="buyer-heading">
            <h2 id="buyer-heading">The buyer{d.buyerName ? ` (${d.buyerName})` : ''}</h2>
            <p>
              Asked {formatMoney(d.requested)} · reason: {d.return.reason.replaceAll('_', ' ')}
            </p>
            {d.return.comment ? <p>Comment: {d.return.comment}</p> : null}
            {d.buyerStatement ? <p>To Souk support: {d.buyerStatement}</p> : null}
            <ul aria-label="Returned items">
              {d.return.items.map((i) => (
                <li key={i.position}>
                  {i.quantity} × {i.title}
                </li>
              ))}
            </ul>
            {d.return.photos.length > 0 ? (
              <ul className="dispute-photos" aria-label="Photos">
                {d.return.photos.map((p, n) => (
                  <li key={p.id}>
                    <a href={p.url}>Photo {n + 1}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>No photos.</p>
            )}
          </section>
          <section aria-labelledby="seller-heading">
            <h2 id="seller-heading">The seller</h2>
            {d.return.refusalReason ? <p>Refused: {d.return.refusalReason}</p> : null}
            {d.return.offered ? <p>Offered {formatMoney(d.return.offered)}</p> : null}
            {d.openedBy === 'deadline' ? <p>Did not answer before the deadline.</p> : null}
          </section>
          <section aria-labelledby="order-heading">
            <h2 id="order-heading">The order</h2>
            <p>
              {d.order.number} · {d.order.status} · paid {formatMoney(d.order.total)} · refunded{' '}
              {formatMoney(d.order.refunded)} · left to refund {formatMoney(d.order.refundable)}
            </p>
            <ul aria-label="Order items">
              {d.order.items.map((i) => (
                <li key={i.position}>
                  {i.quantity} × {i.title} at {formatMoney(i.unitPrice)}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="messages-heading">
            <h2 id="messages-heading">Messages about the order</h2>
            {d.messages.length === 0 ? (
              <p>Buyer and seller wrote nothing about this order.</p>
            ) : (
              <ol aria-label="Messages">
                {d.messages.map((m) => (
                  <li key={`${m.at}-${m.side}`}>
                    {m.side === 'buyer' ? 'Buyer' : 'Seller'}, <DateTime iso={m.at} />:{' '}
                    {m.removed ? 'A message from a deleted account was removed' : m.body}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <ol aria-label="Timeline">
              {d.return.events.map((e) => (
                <li key={`${e.kind}-${e.at}`}>
                  <DateTime iso={e.at} />: {EVENT_LABELS[e.kind]}
                  {e.amount ? ` (${formatMoney(e.amount)})` : ''}
                </li>
              ))}
            </ol>
          </section>
          {d.status === 'open' ? (
            <DecideForm
              dispute={d}
              onDecided={(next) => {
                setFeedback(
                  next.status === 'decided_refund'
                    ? `Decided: refund of ${next.refund ? formatMoney(next.refund.amount) : ''}. Both sides were mailed.`
                    : 'Decided: no refund. Both sides were mailed.',
                );
                setVersion((v) => v + 1);
              }}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
