// The returns part of a delivered order's page: "Return or refund" within the store's window
// (items and quantities, a reason, a comment, up to five photos), then each return with its dated
// timeline and what the buyer can still do (take a partial offer, ask Souk support, withdraw).
import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { ConfirmAction } from '../../../components/confirm-action.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { SelectField, TextAreaField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { REASON_LABELS, RETURN_PHOTOS, returnsApi, type OrderReturns, type Return, type ReturnReason } from '../api.ts';
import { ReturnDetails } from './return-details.tsx';
import '../styles.css';

const REASONS = Object.keys(REASON_LABELS) as ReturnReason[];
const WORDING = { fieldMessages: { comment: 'Keep the comment under 2,000 characters.' } };

/** Why these files cannot be sent, before sending any; null when they can. */
function photoProblem(files: File[]): string | null {
  if (files.length > RETURN_PHOTOS.max) return `Choose at most ${RETURN_PHOTOS.max} photos.`;
  const wrong = files.find((f) => !RETURN_PHOTOS.types.includes(f.type));
  if (wrong) return `${wrong.name} is not a JPEG, PNG or WebP image.`;
  const large = files.find((f) => f.size > RETURN_PHOTOS.bytes);
  if (large) return `${large.name} is larger than 5 MB.`;
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
  const { pending, error, run } = useRequest(WORDING);
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
        ? 'Choose at least one item to return.'
        : reason === ''
          ? 'Choose a reason.'
          : photoProblem(files);
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
    onDone(
      `Return ${created.value.number} is sent to the seller.` +
        (failed > 0 ? ` ${failed} of the photos could not be added.` : ''),
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="return-form-heading">
      <h3 id="return-form-heading">Return or refund</h3>
      {problem !== null ? (
        <div role="alert" className="notice notice-error">
          <p>{problem}</p>
        </div>
      ) : null}
      <ErrorAlert error={error} formFields={['comment']} />
      <fieldset className="return-quantities">
        <legend>Items to return</legend>
        {data.returnable.map((item) => (
          <SelectField
            key={item.position}
            label={`${item.title} (${formatMoney(item.unitPrice)} each)`}
            name={`quantity-${item.position}`}
            value={String(quantities[item.position] ?? 0)}
            onChange={(e) => setQuantities((q) => ({ ...q, [item.position]: Number(e.target.value) }))}
          >
            {Array.from({ length: item.quantity + 1 }, (_, n) => (
              <option key={n} value={n}>
                {n === 0 ? 'Keep all' : `Return ${n}`}
              </option>
            ))}
          </SelectField>
        ))}
      </fieldset>
      <SelectField
        label="Reason"
        name="reason"
        value={reason}
        required
        onChange={(e) => setReason(e.target.value as ReturnReason)}
      >
        <option value="">Choose a reason</option>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {REASON_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Comment"
        name="comment"
        rows={4}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        hint="Optional. What is wrong, what you would like."
        error={error?.fields.comment}
      />
      <div className="field">
        <label htmlFor="return-photos">Photos</label>
        <p id="return-photos-hint" className="field-hint">
          Optional. Up to 5 JPEG, PNG or WebP images of 5 MB at most. Only you, the seller and Souk support see them.
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
            setProblem(photoProblem(chosen));
          }}
        />
      </div>
      <div className="return-actions">
        <button type="submit" className="button" disabled={pending}>
          Send return request
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function BuyerActions({ ret, onChanged }: { ret: Return; onChanged: (message: string) => void }) {
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
              void act(() => returnsApi.acceptOffer(ret.id), `You accepted the refund of ${formatMoney(ret.offered!)}.`)
            }
          >
            Accept {formatMoney(ret.offered)}
          </button>
        ) : null}
        {canEscalate ? (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                () => returnsApi.escalate(ret.id, statement.trim() === '' ? null : statement.trim()),
                'Souk support will look at this return and decide.',
              );
            }}
          >
            <TextAreaField
              label="What should Souk support know?"
              name="statement"
              rows={3}
              maxLength={2000}
              value={statement}
              onChange={(e) => setStatement(e.target.value)}
              hint="Optional."
            />
            <button type="submit" className="button button-secondary" disabled={pending}>
              Ask Souk support to decide
            </button>
          </form>
        ) : null}
        {canWithdraw ? (
          <ConfirmAction
            label="Withdraw return"
            question={`Withdraw return ${ret.number}? You keep the items and get no refund for them.`}
            confirmLabel="Yes, withdraw"
            keepLabel="Keep the return"
            pending={pending}
            context={ret.number}
            onConfirm={() => act(() => returnsApi.withdraw(ret.id), `Return ${ret.number} is withdrawn.`)}
          />
        ) : null}
      </div>
    </div>
  );
}

/** The "Returns" section of an order's page; shown for delivered orders only. */
export function OrderReturnsSection({ orderId }: { orderId: string }) {
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
        Returns
      </h2>
      {done !== null ? (
        <StatusMessage>
          <p>{done}</p>
        </StatusMessage>
      ) : null}
      {state.status === 'loading' && version === 0 ? <Loading>Loading returns…</Loading> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what="this order's returns" onRetry={retry} /> : null}
      {state.status === 'loaded' ? (
        <>
          {state.data.canRequest && !asking ? (
            <p>
              You can ask to return items until{' '}
              {state.data.windowClosesAt !== null ? <DateTime iso={state.data.windowClosesAt} dateOnly /> : 'soon'}.{' '}
              <button
                type="button"
                className="button"
                onClick={() => {
                  setDone(null);
                  setAsking(true);
                }}
              >
                Return or refund
              </button>
            </p>
          ) : null}
          {!state.data.canRequest && state.data.returns.length === 0 ? (
            <p>
              {state.data.windowClosesAt !== null ? (
                <>
                  The return window closed <DateTime iso={state.data.windowClosesAt} dateOnly />.
                </>
              ) : (
                'Items can be returned once the order is delivered.'
              )}
            </p>
          ) : null}
          {asking ? (
            <RequestForm orderId={orderId} data={state.data} onDone={changed} onCancel={() => setAsking(false)} />
          ) : null}
          {state.data.returns.map((ret) => (
            <article key={ret.id} className="return-card" aria-label={`Return ${ret.number}`}>
              <ReturnDetails ret={ret} />
              <BuyerActions ret={ret} onChanged={changed} />
            </article>
          ))}
        </>
      ) : null}
    </section>
  );
}
