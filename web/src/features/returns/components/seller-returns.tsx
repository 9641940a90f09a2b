// The seller's returns on the store's orders page: those waiting for an answer first, each with the
// answers the seller may give (refund only, take the items back then refund on receipt, offer a
// partial refund, refuse saying why); then the others, for reference.
import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { ConfirmAction } from '../../../components/confirm-action.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney, pluralize } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { moneyExample, parseMoneyInput } from '../../seller/money-input.ts';
import { returnsApi, type Return } from '../api.ts';
import { ReturnDetails } from './return-details.tsx';
import '../styles.css';

const WAITING: Return['status'][] = ['requested', 'awaiting_return'];
const WORDING = {
  fieldMessages: {
    carrier: 'Enter the carrier of the return parcel.',
    trackingNumber: 'Enter a tracking number of 6 to 40 letters, digits or dashes.',
    amount: 'Enter an amount less than what the buyer asked.',
    reason: 'Say why, in under 1,000 characters.',
  },
};

type Mode = 'return' | 'offer' | 'refuse' | null;

/** What the seller is told after refunding: sent, or refused by the provider for now (Souk retries). */
function refundOutcome(done: Return): string {
  const amount = formatMoney(done.refund?.amount ?? done.requested);
  return done.refund?.status === 'succeeded'
    ? `Return ${done.number}: ${amount} refunded.`
    : `Return ${done.number}: the refund of ${amount} is on its way; the payment provider did not take it yet and Souk tries again.`;
}

function SellerActions({ ret, onChanged }: { ret: Return; onChanged: (message: string) => void }) {
  const { pending, error, run } = useRequest(WORDING);
  const [mode, setMode] = useState<Mode>(null);
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const currency = ret.requested.currency;

  async function act(send: () => Promise<Return>, message: string | ((done: Return) => string)): Promise<boolean> {
    const outcome = await run(send);
    if (outcome.ok) onChanged(typeof message === 'string' ? message : message(outcome.value));
    return outcome.ok;
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    if (mode === 'return') {
      void act(
        () => returnsApi.accept(ret.id, { mode: 'return', carrier: carrier.trim(), trackingNumber: tracking.trim() }),
        `Return ${ret.number} accepted: the buyer sends the items back.`,
      );
    } else if (mode === 'offer') {
      const minor = parseMoneyInput(amount, currency);
      if (minor === null || minor <= 0 || minor >= ret.requested.amount) {
        setProblem(`Enter an amount like ${moneyExample(currency)}, less than ${formatMoney(ret.requested)}.`);
        return;
      }
      void act(
        () => returnsApi.offer(ret.id, minor),
        `You offered ${formatMoney({ amount: minor, currency })} for return ${ret.number}.`,
      );
    } else if (mode === 'refuse') {
      void act(() => returnsApi.refuse(ret.id, reason.trim()), `Return ${ret.number} refused.`);
    }
  }

  if (ret.status === 'awaiting_return') {
    return (
      <div className="return-actions">
        <ErrorAlert error={error} />
        <ConfirmAction
          label="Items received: refund"
          question={`Did the items of return ${ret.number} arrive? ${formatMoney(ret.requested)} is refunded to the buyer.`}
          confirmLabel="Yes, refund now"
          keepLabel="Not yet"
          pending={pending}
          context={ret.number}
          onConfirm={() => act(() => returnsApi.received(ret.id), refundOutcome)}
        />
      </div>
    );
  }
  if (ret.status !== 'requested') return null;
  const formId = `return-answer-${ret.id}`;
  return (
    <div>
      <ErrorAlert error={error} formFields={['carrier', 'trackingNumber', 'amount', 'reason']} />
      {problem !== null ? (
        <div role="alert" className="notice notice-error">
          <p>{problem}</p>
        </div>
      ) : null}
      <div className="return-actions">
        <ConfirmAction
          label="Refund without return"
          question={`Refund ${formatMoney(ret.requested)} for return ${ret.number}? The buyer keeps the items.`}
          confirmLabel="Yes, refund now"
          keepLabel="Not now"
          pending={pending}
          context={ret.number}
          onConfirm={() => act(() => returnsApi.accept(ret.id, { mode: 'refund' }), refundOutcome)}
        />
        <button type="button" className="button button-secondary" onClick={() => setMode('return')}>
          Accept the return
        </button>
        <button type="button" className="button button-secondary" onClick={() => setMode('offer')}>
          Offer a partial refund
        </button>
        <button type="button" className="button button-secondary" onClick={() => setMode('refuse')}>
          Refuse
        </button>
      </div>
      {mode !== null ? (
        <form id={formId} className="form" onSubmit={submit} noValidate>
          {mode === 'return' ? (
            <>
              <TextField
                label="Carrier of the return parcel"
                name="carrier"
                maxLength={60}
                value={carrier}
                onChange={(e) => setCarrier(e.target.value)}
                error={error?.fields.carrier}
              />
              <TextField
                label="Tracking number of the return label"
                name="trackingNumber"
                maxLength={60}
                value={tracking}
                onChange={(e) => setTracking(e.target.value)}
                hint="The buyer follows the return parcel with it."
                error={error?.fields.trackingNumber}
              />
              <button type="submit" className="button" disabled={pending}>
                Accept return, refund on receipt
              </button>
            </>
          ) : null}
          {mode === 'offer' ? (
            <>
              <TextField
                label={`Refund to offer (${currency})`}
                name="amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                hint={`Less than the ${formatMoney(ret.requested)} asked. The buyer accepts it or asks Souk support.`}
                error={error?.fields.amount}
              />
              <button type="submit" className="button" disabled={pending}>
                Send the offer
              </button>
            </>
          ) : null}
          {mode === 'refuse' ? (
            <>
              <TextAreaField
                label="Why you refuse"
                name="reason"
                rows={3}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                hint="The buyer reads this and may ask Souk support to decide."
                error={error?.fields.reason}
              />
              <button type="submit" className="button" disabled={pending}>
                Refuse the return
              </button>
            </>
          ) : null}
          <button type="button" className="button button-secondary" onClick={() => setMode(null)}>
            Cancel
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** The store's returns: waiting ones with their answers, then the rest. */
export function SellerReturnsSection() {
  const [version, setVersion] = useState(0);
  const { state, retry } = useLoad(`seller-returns|${version}`, (signal) => returnsApi.listForStore(signal));
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const changed = (message: string) => {
    setDone(message);
    setVersion((v) => v + 1);
    headingRef.current?.focus();
  };
  if (state.status === 'failed' && (state.error.status === 401 || state.error.code === 'NO_STORE')) return null;
  const items = state.status === 'loaded' ? state.data.items : [];
  const waiting = items.filter((r) => WAITING.includes(r.status));
  const others = items.filter((r) => !WAITING.includes(r.status));

  return (
    <section className="section" aria-labelledby="seller-returns">
      <h2 id="seller-returns" ref={headingRef} tabIndex={-1}>
        Returns waiting
      </h2>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {state.status === 'loading' && version === 0 ? <Loading>Loading returns…</Loading> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what="your returns" onRetry={retry} /> : null}
      {state.status === 'loaded' && waiting.length === 0 ? (
        <p className="muted">No return is waiting for you.</p>
      ) : null}
      {waiting.map((ret) => (
        <article key={ret.id} className="return-card" aria-label={`Return ${ret.number}`}>
          <p className="muted">Order {ret.orderNumber}</p>
          <ReturnDetails ret={ret} />
          <SellerActions ret={ret} onChanged={changed} />
        </article>
      ))}
      {others.length > 0 ? (
        <details>
          <summary>Other returns ({pluralize(others.length, 'return', 'returns')})</summary>
          {others.map((ret) => (
            <article key={ret.id} className="return-card" aria-label={`Return ${ret.number}`}>
              <p className="muted">Order {ret.orderNumber}</p>
              <ReturnDetails ret={ret} />
            </article>
          ))}
        </details>
      ) : null}
    </section>
  );
}
