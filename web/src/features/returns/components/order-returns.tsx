// The returns part of a delivered order's page: "Return or refund" within the store's window
// (items and quantities, a reason, a comment, up to five photos), then each return with its dated
// timeline and what the buyer can still do (take a partial offer, ask Souk support, withdraw).
import { useRef, useState, type SubmitEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { ConfirmAction } from '../../../components/confirm-action.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { SelectField, TextAreaField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import {
  RETURN_PHOTOS,
  RETURN_REASONS,
  returnsApi,
  type OrderReturns,
  type Return,
  type ReturnReason,
} from '../api.ts';
import { reasonLabel } from '../wording.ts';
import { ReturnDetails } from './return-details.tsx';
import '../styles.css';

type T = TFunction<'returns'>;

/** Why these files cannot be sent, before sending any; null when they can. */
function photoProblem(t: T, files: File[]): string | null {
  if (files.length > RETURN_PHOTOS.max) return t('returns:buyer.tooManyPhotos', { max: RETURN_PHOTOS.max });
  const wrong = files.find((f) => !RETURN_PHOTOS.types.includes(f.type));
  if (wrong) return t('returns:buyer.notImage', { name: wrong.name });
  const large = files.find((f) => f.size > RETURN_PHOTOS.bytes);
  if (large) return t('returns:buyer.tooLarge', { name: large.name });
  return null;
}

function RequestForm({
  orderId,
  data,
  onDone,
  onCancel,
}: {
  orderId: string;
  data: OrderReturns;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('returns');
  const { pending, error, run } = useRequest({ fieldMessages: { comment: t('buyer.commentError') } });
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [reason, setReason] = useState<ReturnReason | ''>('');
  const [comment, setComment] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const items = Object.entries(quantities)
      .filter(([, q]) => q > 0)
      .map(([position, quantity]) => ({ position: Number(position), quantity }));
    const issue =
      items.length === 0
        ? t('buyer.chooseItem')
        : reason === ''
          ? t('buyer.chooseReasonError')
          : photoProblem(t, files);
    setProblem(issue);
    if (issue !== null || reason === '') return;
    const created = await run(() =>
      returnsApi.request(orderId, { items, reason, comment: comment.trim() === '' ? null : comment.trim() }),
    );
    if (!created.ok) return;
    let failed = 0;
    for (const file of files) {
      const sent = await run(() => returnsApi.uploadPhoto(created.value.id, file));
      if (!sent.ok) failed++;
    }
    onDone(t('buyer.sent', { number: created.value.number }) + (failed > 0 ? t('buyer.photosFailed', { failed }) : ''));
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="return-form-heading">
      <h3 id="return-form-heading">{t('buyer.formHeading')}</h3>
      {problem !== null ? (
        <div role="alert" className="notice notice-error">
          <p>{problem}</p>
        </div>
      ) : null}
      <ErrorAlert error={error} formFields={['comment']} />
      <fieldset className="return-quantities">
        <legend>{t('buyer.itemsToReturn')}</legend>
        {data.returnable.map((item) => (
          <SelectField
            key={item.position}
            label={t('buyer.itemLabel', { title: item.title, price: formatMoney(item.unitPrice) })}
            name={`quantity-${item.position}`}
            value={String(quantities[item.position] ?? 0)}
            onChange={(e) => setQuantities((q) => ({ ...q, [item.position]: Number(e.target.value) }))}
          >
            {Array.from({ length: item.quantity + 1 }, (_, n) => (
              <option key={n} value={n}>
                {n === 0 ? t('buyer.keepAll') : t('buyer.returnN', { n })}
              </option>
            ))}
          </SelectField>
        ))}
      </fieldset>
      <SelectField
        label={t('buyer.reason')}
        name="reason"
        value={reason}
        required
        onChange={(e) => setReason(e.target.value as ReturnReason)}
      >
        <option value="">{t('buyer.chooseReason')}</option>
        {RETURN_REASONS.map((r) => (
          <option key={r} value={r}>
            {reasonLabel(t, r)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('buyer.comment')}
        name="comment"
        rows={4}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        hint={t('buyer.commentHint')}
        error={error?.fields.comment}
      />
      <div className="field">
        <label htmlFor="return-photos">{t('buyer.photos')}</label>
        <p id="return-photos-hint" className="field-hint">
          {t('buyer.photosHint')}
        </p>
        <input
          id="return-photos"
          name="photos"
          type="file"
          multiple
          accept={RETURN_PHOTOS.types.join(',')}
          aria-describedby="return-photos-hint"
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            setFiles(chosen);
            setProblem(photoProblem(t, chosen));
          }}
        />
      </div>
      <div className="return-actions">
        <button type="submit" className="button" disabled={pending}>
          {t('buyer.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('buyer.cancel')}
        </button>
      </div>
    </form>
  );
}

function BuyerActions({ ret, onChanged }: { ret: Return; onChanged: (message: string) => void }) {
  const { t } = useTranslation('returns');
  const { pending, error, run } = useRequest();
  const [statement, setStatement] = useState('');
  const canEscalate = ret.status === 'refused' || ret.status === 'partial_offered';
  const canWithdraw = ret.status === 'requested' || canEscalate;
  if (!canEscalate && !canWithdraw) return null;

  async function act(send: () => Promise<Return>, message: string): Promise<boolean> {
    const outcome = await run(send);
    if (outcome.ok) onChanged(message);
    return outcome.ok;
  }

  return (
    <div>
      <ErrorAlert error={error} />
      <div className="return-actions">
        {ret.status === 'partial_offered' && ret.offered !== null ? (
          <button
            type="button"
            className="button"
            disabled={pending}
            onClick={() =>
              void act(
                () => returnsApi.acceptOffer(ret.id),
                t('buyer.offerAccepted', { amount: formatMoney(ret.offered!) }),
              )
            }
          >
            {t('buyer.accept', { amount: formatMoney(ret.offered) })}
          </button>
        ) : null}
        {canEscalate ? (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                () => returnsApi.escalate(ret.id, statement.trim() === '' ? null : statement.trim()),
                t('buyer.escalated'),
              );
            }}
          >
            <TextAreaField
              label={t('buyer.statement')}
              name="statement"
              rows={3}
              maxLength={2000}
              value={statement}
              onChange={(e) => setStatement(e.target.value)}
              hint={t('buyer.optional')}
            />
            <button type="submit" className="button button-secondary" disabled={pending}>
              {t('buyer.escalate')}
            </button>
          </form>
        ) : null}
        {canWithdraw ? (
          <ConfirmAction
            label={t('buyer.withdraw')}
            question={t('buyer.withdrawQuestion', { number: ret.number })}
            confirmLabel={t('buyer.confirmWithdraw')}
            keepLabel={t('buyer.keepReturn')}
            pending={pending}
            context={ret.number}
            onConfirm={() => act(() => returnsApi.withdraw(ret.id), t('buyer.withdrawn', { number: ret.number }))}
          />
        ) : null}
      </div>
    </div>
  );
}

/** The "Returns" section of an order's page; shown for delivered orders only. */
export function OrderReturnsSection({ orderId }: { orderId: string }) {
  const { t } = useTranslation('returns');
  const [version, setVersion] = useState(0);
  const { state, retry } = useLoad(`${orderId}|${version}`, (signal) => returnsApi.ofOrder(orderId, signal));
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const changed = (message: string) => {
    setAsking(false);
    setDone(message);
    setVersion((v) => v + 1);
    headingRef.current?.focus();
  };

  return (
    <section className="order-section" aria-labelledby="order-returns">
      <h2 id="order-returns" ref={headingRef} tabIndex={-1}>
        {t('buyer.heading')}
      </h2>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {state.status === 'loading' && version === 0 ? <Loading>{t('buyer.loading')}</Loading> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what={t('buyer.loadWhat')} onRetry={retry} /> : null}
      {state.status === 'loaded' ? (
        <>
          {state.data.canRequest && !asking ? (
            <p>
              {t('buyer.canAskUntil')}{' '}
              {state.data.windowClosesAt !== null ? (
                <DateTime iso={state.data.windowClosesAt} dateOnly />
              ) : (
                t('buyer.soon')
              )}
              .{' '}
              <button
                type="button"
                className="button"
                onClick={() => {
                  setDone(null);
                  setAsking(true);
                }}
              >
                {t('buyer.request')}
              </button>
            </p>
          ) : null}
          {!state.data.canRequest && state.data.returns.length === 0 ? (
            <p>
              {state.data.windowClosesAt !== null ? (
                <>
                  {t('buyer.windowClosed')} <DateTime iso={state.data.windowClosesAt} dateOnly />.
                </>
              ) : (
                t('buyer.onceDelivered')
              )}
            </p>
          ) : null}
          {asking ? (
            <RequestForm orderId={orderId} data={state.data} onDone={changed} onCancel={() => setAsking(false)} />
          ) : null}
          {state.data.returns.map((ret) => (
            <article key={ret.id} className="return-card" aria-label={t('buyer.returnLabel', { number: ret.number })}>
              <ReturnDetails ret={ret} />
              <BuyerActions ret={ret} onChanged={changed} />
            </article>
          ))}
        </>
      ) : null}
    </section>
  );
}
