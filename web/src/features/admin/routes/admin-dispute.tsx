// /admin/disputes/:id: both sides of a dispute (the buyer's request, statement and photos, the
// seller's answer, the order, their messages, the timeline) and the decision form: full, partial
// or no refund, with a written reason both sides receive.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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
import { disputeStatusLabel } from './admin-disputes.tsx';

function eventLabel(t: TFunction<'admin'>, kind: DisputeDetail['return']['events'][number]['kind']): string {
  switch (kind) {
    case 'requested':
      return t('dispute.event.requested');
    case 'accepted_refund':
      return t('dispute.event.acceptedRefund');
    case 'accepted_return':
      return t('dispute.event.acceptedReturn');
    case 'return_received':
      return t('dispute.event.returnReceived');
    case 'partial_offered':
      return t('dispute.event.partialOffered');
    case 'offer_accepted':
      return t('dispute.event.offerAccepted');
    case 'refused':
      return t('dispute.event.refused');
    case 'escalated':
      return t('dispute.event.escalated');
    case 'auto_escalated':
      return t('dispute.event.autoEscalated');
    case 'refund_failed':
      return t('dispute.event.refundFailed');
    case 'refunded':
      return t('dispute.event.refunded');
    case 'withdrawn':
      return t('dispute.event.withdrawn');
    case 'dispute_decided':
      return t('dispute.event.disputeDecided');
  }
}

/** The refund's state (English keeps the API's own words). */
function refundStatusLabel(t: TFunction<'admin'>, status: 'pending' | 'failed' | 'succeeded'): string {
  switch (status) {
    case 'pending':
      return t('dispute.refundStatus.pending');
    case 'failed':
      return t('dispute.refundStatus.failed');
    case 'succeeded':
      return t('dispute.refundStatus.succeeded');
  }
}

/** The order's state; a state this app does not know yet shows as the API names it. */
function orderStatusLabel(t: TFunction<'admin'>, status: string): string {
  switch (status) {
    case 'awaiting_payment':
      return t('dispute.orderStatus.awaitingPayment');
    case 'paid':
      return t('dispute.orderStatus.paid');
    case 'shipped':
      return t('dispute.orderStatus.shipped');
    case 'delivered':
      return t('dispute.orderStatus.delivered');
    case 'cancelled':
      return t('dispute.orderStatus.cancelled');
    default:
      return status;
  }
}

/** The buyer's return reason (the API gives its code). */
function reasonLabel(t: TFunction<'admin'>, reason: string): string {
  switch (reason) {
    case 'not_as_described':
      return t('dispute.reason.notAsDescribed');
    case 'damaged':
      return t('dispute.reason.damaged');
    case 'wrong_item':
      return t('dispute.reason.wrongItem');
    case 'changed_mind':
      return t('dispute.reason.changedMind');
    case 'other':
      return t('dispute.reason.other');
    default:
      return reason.replaceAll('_', ' ');
  }
}

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
  const { t } = useTranslation('admin');
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
      <h2 id="decide-heading">{t('dispute.decide')}</h2>
      <ErrorAlert error={error} formFields={['reason', 'amount']} />
      <fieldset>
        <legend>{t('dispute.outcome')}</legend>
        {(
          [
            ['full', t('dispute.fullRefund', { amount: formatMoney(dispute.requested) })],
            ['partial', t('dispute.partialRefund')],
            ['none', t('dispute.noRefund')],
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
          label={t('dispute.amount', { currency: dispute.requested.currency })}
          name="amount"
          inputMode="decimal"
          hint={t('dispute.amountHint', {
            requested: formatMoney(dispute.requested),
            refundable: formatMoney(dispute.order.refundable),
          })}
          error={error?.fields.amount}
        />
      ) : null}
      <TextAreaField
        label={t('dispute.reasonLabel')}
        name="reason"
        hint={t('dispute.reasonHint')}
        maxLength={2000}
        required
        error={error?.fields.reason ?? (error?.code === 'DECISION_REASON_REQUIRED' ? error.message : undefined)}
      />
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('dispute.deciding') : t('dispute.decide')}
      </button>
    </form>
  );
}

export function AdminDisputePage() {
  const { t } = useTranslation('admin');
  const { id = '' } = useParams();
  usePageTitle(t('dispute.pageTitle'));
  const [version, setVersion] = useState(0);
  const [feedback, setFeedback] = useState<string | null>(null);
  const { state, retry } = useLoad(`dispute:${id}:${version}`, (signal) => disputesApi.get(id, signal));
  const d = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  return (
    <>
      <p>
        <Link to="/admin/disputes">{t('dispute.all')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('dispute.heading', { number: d ? d.returnNumber : '' })}</h1>
      {feedback ? <Decided key={feedback} message={feedback} /> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what={t('dispute.what')} onRetry={retry} /> : null}
      {d === undefined && state.status === 'loading' ? <Loading>{t('dispute.loading')}</Loading> : null}
      {d ? (
        <>
          <p>
            {disputeStatusLabel(t, d.status)} · {t('dispute.order', { number: d.order.number })} · {d.storeName}
            {d.status === 'open' ? (
              <>
                {' '}
                · {d.overdue ? <strong>{t('disputes.overdue')}</strong> : null}
                {t('dispute.due')} <DateTime iso={d.dueAt} />
              </>
            ) : null}
          </p>
          {d.decisionNote ? <p>{t('dispute.decisionReason', { note: d.decisionNote })}</p> : null}
          {d.refund ? (
            <section aria-labelledby="refund-heading">
              <h2 id="refund-heading">{t('dispute.refund')}</h2>
              <p>
                {t('dispute.refundLine', {
                  amount: formatMoney(d.refund.amount),
                  status: refundStatusLabel(t, d.refund.status),
                  attempt: d.refund.attempt,
                })}
                {d.refund.failureCode ? t('dispute.refundFailure', { code: d.refund.failureCode }) : ''}
                {d.refund.nextAttemptAt ? (
                  <>
                    {' '}
                    · {t('dispute.nextTry')} <DateTime iso={d.refund.nextAttemptAt} />
                  </>
                ) : null}
              </p>
              {d.refund.status !== 'succeeded' ? (
                <RetryRefundButton
                  refundId={d.refund.id}
                  onDone={(refund) => {
                    setFeedback(retryOutcome(t, refund));
                    setVersion((v) => v + 1);
                  }}
                />
              ) : null}
            </section>
          ) : null}
          <section aria-labelledby="buyer-heading">
            <h2 id="buyer-heading">
              {d.buyerName ? t('dispute.buyerNamed', { name: d.buyerName }) : t('dispute.buyer')}
            </h2>
            <p>{t('dispute.asked', { amount: formatMoney(d.requested), reason: reasonLabel(t, d.return.reason) })}</p>
            {d.return.comment ? <p>{t('dispute.comment', { text: d.return.comment })}</p> : null}
            {d.buyerStatement ? <p>{t('dispute.statement', { text: d.buyerStatement })}</p> : null}
            <ul aria-label={t('dispute.returnedItems')}>
              {d.return.items.map((i) => (
                <li key={i.position}>
                  {i.quantity} × {i.title}
                </li>
              ))}
            </ul>
            {d.return.photos.length > 0 ? (
              <ul className="dispute-photos" aria-label={t('dispute.photos')}>
                {d.return.photos.map((p, n) => (
                  <li key={p.id}>
                    <a href={p.url}>{t('dispute.photo', { n: n + 1 })}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('dispute.noPhotos')}</p>
            )}
          </section>
          <section aria-labelledby="seller-heading">
            <h2 id="seller-heading">{t('dispute.seller')}</h2>
            {d.return.refusalReason ? <p>{t('dispute.refused', { text: d.return.refusalReason })}</p> : null}
            {d.return.offered ? <p>{t('dispute.offered', { amount: formatMoney(d.return.offered) })}</p> : null}
            {d.openedBy === 'deadline' ? <p>{t('dispute.noAnswer')}</p> : null}
          </section>
          <section aria-labelledby="order-heading">
            <h2 id="order-heading">{t('dispute.theOrder')}</h2>
            <p>
              {t('dispute.orderLine', {
                number: d.order.number,
                status: orderStatusLabel(t, d.order.status),
                paid: formatMoney(d.order.total),
                refunded: formatMoney(d.order.refunded),
                refundable: formatMoney(d.order.refundable),
              })}
            </p>
            <ul aria-label={t('dispute.orderItems')}>
              {d.order.items.map((i) => (
                <li key={i.position}>
                  {t('dispute.orderItem', { quantity: i.quantity, title: i.title, price: formatMoney(i.unitPrice) })}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="messages-heading">
            <h2 id="messages-heading">{t('dispute.messages')}</h2>
            {d.messages.length === 0 ? (
              <p>{t('dispute.noMessages')}</p>
            ) : (
              <ol aria-label={t('dispute.messagesLabel')}>
                {d.messages.map((m) => (
                  <li key={`${m.at}-${m.side}`}>
                    {m.side === 'buyer' ? t('dispute.buyerSide') : t('dispute.sellerSide')}, <DateTime iso={m.at} />:{' '}
                    {m.removed ? t('dispute.removed') : m.body}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t('dispute.timeline')}</h2>
            <ol aria-label={t('dispute.timeline')}>
              {d.return.events.map((e) => (
                <li key={`${e.kind}-${e.at}`}>
                  <DateTime iso={e.at} />: {eventLabel(t, e.kind)}
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
                    ? t('dispute.decidedRefund', { amount: next.refund ? formatMoney(next.refund.amount) : '' })
                    : t('dispute.decidedNoRefund'),
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
