// One deletion request in management's queue: its dates, hold and findings, and what staff can do:
// process it now, hold it for a legal reason, release the hold.
import { useState, type SubmitEvent } from 'react';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { formText, SelectField } from '../../../components/fields.tsx';
import { formatDate, formatDateTime, pluralize } from '../../../lib/format.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { deletionsApi, type DeletionRequest, type HoldReason, type ProcessOutcome } from '../api.ts';
import { readCertificate } from '../certificate.ts';
import { DeletionCertificate } from './deletion-certificate.tsx';
import { DeletionFindings } from './deletion-findings.tsx';
import { FocusedStatus } from './focused-status.tsx';

const HOLD_REASONS = [
  { value: 'open_chargeback', label: 'Open chargeback or payment dispute' },
  { value: 'legal_request', label: 'Court or authority request to keep the data' },
  { value: 'fraud_investigation', label: 'Fraud investigation' },
] as const satisfies ReadonlyArray<{ value: HoldReason; label: string }>;

const STATUS_LABELS: Record<DeletionRequest['status'], string> = {
  received: 'Received',
  processing: 'Processing',
  completed: 'Completed',
  needs_attention: 'Needs attention',
  cancelled: 'Cancelled',
};

const PROCESSED: Record<ProcessOutcome, (next: DeletionRequest) => string> = {
  completed: () => 'Erasure completed; certificate issued.',
  needs_attention: (next) =>
    `Still needs attention: ${pluralize(next.findings.filter((f) => f.status === 'open').length, 'open finding', 'open findings')}.`,
  skipped: () => 'Another worker is processing this request; try again in a minute.',
};

/** The outcome of the last action on a request, shown in its card, or above the list once the card has left it. */
export type Feedback = { id: string; reference: string; filter: string; message: string; seq: number };

function timeLeft(seconds: number): string {
  const days = Math.floor(Math.abs(seconds) / 86400);
  const hours = Math.floor((Math.abs(seconds) % 86400) / 3600);
  const text =
    days > 0
      ? `${pluralize(days, 'day', 'days')} ${pluralize(hours, 'hour', 'hours')}`
      : pluralize(hours, 'hour', 'hours');
  return seconds < 0 ? `Overdue by ${text}` : `${text} left`;
}

type CardProps = {
  item: DeletionRequest;
  feedback: Feedback | null;
  onDone: (next: DeletionRequest, message: string) => void;
};

export function RequestCard({ item, feedback, onDone }: CardProps) {
  const { pending, error, run } = useRequest();
  const [confirming, setConfirming] = useState(false);
  const pendingRequest = item.status === 'received' || item.status === 'needs_attention';
  const certificate = readCertificate(item.certificate);

  async function act<T extends DeletionRequest>(send: () => Promise<T>, message: (next: T) => string) {
    const outcome = await run(send);
    if (outcome.ok) {
      setConfirming(false);
      onDone(outcome.value, message(outcome.value));
    }
  }

  async function onHold(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = formText(event.currentTarget, 'reason');
    const reason = HOLD_REASONS.find((h) => h.value === chosen)?.value;
    if (reason === undefined) return;
    await act(
      () => deletionsApi.hold(item.id, reason),
      () => 'The request is on hold; the person was told why by mail.',
    );
  }

  return (
    <li
      className={`card deletion-request${item.overdue ? ' deletion-overdue' : ''}`}
      aria-labelledby={`del-${item.id}`}
    >
      <h2 id={`del-${item.id}`} className="card-title">
        {item.reference}
      </h2>
      <p>
        <span className="badge">{STATUS_LABELS[item.status]}</span>
        {item.overdue ? <strong className="overdue-flag"> Overdue</strong> : null}
      </p>
      <dl className="deletion-facts">
        <div>
          <dt>Received</dt>
          <dd>{formatDateTime(new Date(item.receivedAt))}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {formatDate(new Date(item.dueAt))}
            {pendingRequest ? ` (${timeLeft(item.secondsLeft)})` : ''}
          </dd>
        </div>
        {pendingRequest ? (
          <div>
            <dt>Processed automatically</dt>
            <dd>{item.holdReason ? 'Not while on hold' : formatDateTime(new Date(item.processAfter))}</dd>
          </div>
        ) : null}
        {item.completedAt ? (
          <div>
            <dt>Completed</dt>
            <dd>{formatDateTime(new Date(item.completedAt))}</dd>
          </div>
        ) : null}
      </dl>
      {item.holdLabel ? <p className="notice notice-warning">On hold: {item.holdLabel}</p> : null}
      {item.attention ? <p className="notice notice-error">{item.attention}</p> : null}
      {item.status !== 'completed' && item.findings.length > 0 ? (
        <DeletionFindings
          request={item}
          actionable={item.status === 'needs_attention' && !item.holdReason}
          onDone={onDone}
        />
      ) : null}
      {certificate !== null ? <DeletionCertificate certificate={certificate} /> : null}
      <ErrorAlert error={error} />
      {feedback !== null ? <FocusedStatus key={feedback.seq} message={feedback.message} /> : null}
      {pendingRequest && !item.holdReason ? (
        <div className="deletion-actions">
          {confirming ? (
            <>
              <p>Erase this account now? This cannot be undone.</p>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-danger-solid"
                  disabled={pending}
                  onClick={() =>
                    void act(
                      () => deletionsApi.process(item.id),
                      (next) => PROCESSED[next.outcome](next),
                    )
                  }
                >
                  Erase now
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              Process now
            </button>
          )}
          <form className="deletion-hold" onSubmit={onHold}>
            <SelectField label="Legal reason to hold" name="reason" defaultValue={HOLD_REASONS[0]!.value}>
              {HOLD_REASONS.map((h) => (
                <option key={h.value} value={h.value}>
                  {h.label}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button button-secondary" disabled={pending}>
              Put on hold
            </button>
          </form>
        </div>
      ) : null}
      {item.holdReason ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={pending}
          onClick={() =>
            void act(
              () => deletionsApi.release(item.id),
              () => 'Hold released.',
            )
          }
        >
          Release the hold
        </button>
      ) : null}
    </li>
  );
}
