// The seller's returns on the store's orders page: those waiting for an answer first, each with the
// answers the seller may give (refund only, take the items back then refund on receipt, offer a
// partial refund, refuse saying why); then the others, for reference.
import { useRef, useState, type SubmitEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { ConfirmAction } from '../../../components/confirm-action.tsx';
import { TextAreaField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { moneyExample, parseMoneyInput } from '../../seller/money-input.ts';
import { returnsApi, type Return } from '../api.ts';
import { ReturnDetails } from './return-details.tsx';
import '../styles.css';

const WAITING: Return['status'][] = ['requested', 'awaiting_return'];

type Mode = 'return' | 'offer' | 'refuse' | null;

/** What the seller is told after refunding: sent, or refused by the provider for now (Souk retries). */
function refundOutcome(t: TFunction<'returns'>, done: Return): string {
  const amount = formatMoney(done.refund?.amount ?? done.requested);
  return done.refund?.status === 'succeeded'
    ? t('returns:seller.refunded', { number: done.number, amount })
    : t('returns:seller.refundPending', { number: done.number, amount });
}

function SellerActions({ ret, onChanged }: { ret: Return; onChanged: (message: string) => void }) {
  const { t } = useTranslation('returns');
  const { pending, error, run } = useRequest({
    fieldMessages: {
      carrier: t('seller.carrierError'),
      trackingNumber: t('seller.trackingError'),
      amount: t('seller.amountError'),
      reason: t('seller.reasonError'),
    },
  });
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
        t('seller.accepted', { number: ret.number }),
      );
    } else if (mode === 'offer') {
      const minor = parseMoneyInput(amount, currency);
      if (minor === null || minor <= 0 || minor >= ret.requested.amount) {
        setProblem(
          t('seller.amountProblem', { example: moneyExample(currency), requested: formatMoney(ret.requested) }),
        );
        return;
      }
      void act(
        () => returnsApi.offer(ret.id, minor),
        t('seller.offered', { amount: formatMoney({ amount: minor, currency }), number: ret.number }),
      );
    } else if (mode === 'refuse') {
      void act(() => returnsApi.refuse(ret.id, reason.trim()), t('seller.refused', { number: ret.number }));
    }
  }

  if (ret.status === 'awaiting_return') {
    return (
      <div className="return-actions">
        <ErrorAlert error={error} />
        <ConfirmAction
          label={t('seller.receivedRefund')}
          question={t('seller.receivedQuestion', { number: ret.number, amount: formatMoney(ret.requested) })}
          confirmLabel={t('seller.refundNow')}
          keepLabel={t('seller.notYet')}
          pending={pending}
          context={ret.number}
          onConfirm={() =>
            act(
              () => returnsApi.received(ret.id),
              (done) => refundOutcome(t, done),
            )
          }
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
          label={t('seller.refundWithout')}
          question={t('seller.refundQuestion', { amount: formatMoney(ret.requested), number: ret.number })}
          confirmLabel={t('seller.refundNow')}
          keepLabel={t('seller.notNow')}
          pending={pending}
          context={ret.number}
          onConfirm={() =>
            act(
              () => returnsApi.accept(ret.id, { mode: 'refund' }),
              (done) => refundOutcome(t, done),
            )
          }
        />
        <button type="button" className="button button-secondary" onClick={() => setMode('return')}>
          {t('seller.acceptReturn')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setMode('offer')}>
          {t('seller.offer')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setMode('refuse')}>
          {t('seller.refuse')}
        </button>
      </div>
      {mode !== null ? (
        <form id={formId} className="form" onSubmit={submit} noValidate>
          {mode === 'return' ? (
            <>
              <TextField
                label={t('seller.carrier')}
                name="carrier"
                maxLength={60}
                value={carrier}
                onChange={(e) => setCarrier(e.target.value)}
                error={error?.fields.carrier}
              />
              <TextField
                label={t('seller.trackingNumber')}
                name="trackingNumber"
                maxLength={60}
                value={tracking}
                onChange={(e) => setTracking(e.target.value)}
                hint={t('seller.trackingHint')}
                error={error?.fields.trackingNumber}
              />
              <button type="submit" className="button" disabled={pending}>
                {t('seller.acceptSubmit')}
              </button>
            </>
          ) : null}
          {mode === 'offer' ? (
            <>
              <TextField
                label={t('seller.amount', { currency })}
                name="amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                hint={t('seller.amountHint', { requested: formatMoney(ret.requested) })}
                error={error?.fields.amount}
              />
              <button type="submit" className="button" disabled={pending}>
                {t('seller.sendOffer')}
              </button>
            </>
          ) : null}
          {mode === 'refuse' ? (
            <>
              <TextAreaField
                label={t('seller.whyRefuse')}
                name="reason"
                rows={3}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                hint={t('seller.whyRefuseHint')}
                error={error?.fields.reason}
              />
              <button type="submit" className="button" disabled={pending}>
                {t('seller.refuseSubmit')}
              </button>
            </>
          ) : null}
          <button type="button" className="button button-secondary" onClick={() => setMode(null)}>
            {t('seller.cancel')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** The store's returns: waiting ones with their answers, then the rest. */
export function SellerReturnsSection() {
  const { t } = useTranslation('returns');
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
        {t('seller.heading')}
      </h2>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {state.status === 'loading' && version === 0 ? <Loading>{t('seller.loading')}</Loading> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what={t('seller.loadWhat')} onRetry={retry} /> : null}
      {state.status === 'loaded' && waiting.length === 0 ? <p className="muted">{t('seller.noneWaiting')}</p> : null}
      {waiting.map((ret) => (
        <article key={ret.id} className="return-card" aria-label={t('seller.returnLabel', { number: ret.number })}>
          <p className="muted">{t('seller.order', { number: ret.orderNumber })}</p>
          <ReturnDetails ret={ret} />
          <SellerActions ret={ret} onChanged={changed} />
        </article>
      ))}
      {others.length > 0 ? (
        <details>
          <summary>{t('seller.others', { count: others.length })}</summary>
          {others.map((ret) => (
            <article key={ret.id} className="return-card" aria-label={t('seller.returnLabel', { number: ret.number })}>
              <p className="muted">{t('seller.order', { number: ret.orderNumber })}</p>
              <ReturnDetails ret={ret} />
            </article>
          ))}
        </details>
      ) : null}
    </section>
  );
}
