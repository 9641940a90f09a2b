// One deletion request in management's queue: its dates, hold and findings, and what staff can do:
// process it now, hold it for a legal reason, release the hold.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { formText, SelectField } from '../../../components/fields.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { deletionsApi, type DeletionRequest, type HoldReason, type ProcessOutcome } from '../api.ts';
import { readCertificate } from '../certificate.ts';
import { DeletionCertificate } from './deletion-certificate.tsx';
import { DeletionFindings } from './deletion-findings.tsx';
import { FocusedStatus } from './focused-status.tsx';
import { holdReasonWording } from '../server-wording.ts';

type T = TFunction<'deletion'>;

const HOLD_REASONS = [
  'open_chargeback',
  'legal_request',
  'fraud_investigation',
] as const satisfies ReadonlyArray<HoldReason>;

function statusLabel(t: T, status: DeletionRequest['status']): string {
  switch (status) {
    case 'received':
      return t('card.statusReceived');
    case 'processing':
      return t('card.statusProcessing');
    case 'completed':
      return t('card.statusCompleted');
    case 'needs_attention':
      return t('card.statusNeedsAttention');
    case 'cancelled':
      return t('card.statusCancelled');
  }
}

function processed(t: T, outcome: ProcessOutcome, next: DeletionRequest): string {
  switch (outcome) {
    case 'completed':
      return t('card.processedCompleted');
    case 'needs_attention':
      return t('card.processedNeedsAttention', { count: next.findings.filter((f) => f.status === 'open').length });
    case 'skipped':
      return t('card.processedSkipped');
  }
}

/** The outcome of the last action on a request, shown in its card, or above the list once the card has left it. */
export type Feedback = { id: string; reference: string; filter: string; message: string; seq: number };

function timeLeft(t: T, seconds: number): string {
  const days = Math.floor(Math.abs(seconds) / 86400);
  const hours = Math.floor((Math.abs(seconds) % 86400) / 3600);
  const text =
    days > 0
      ? t('card.daysAndHours', { days: t('card.days', { count: days }), hours: t('card.hours', { count: hours }) })
      : t('card.hours', { count: hours });
  return seconds < 0 ? t('card.overdueBy', { time: text }) : t('card.timeLeft', { time: text });
}

type CardProps = {
  item: DeletionRequest;
  feedback: Feedback | null;
  onDone: (next: DeletionRequest, message: string) => void;
};

export function RequestCard({ item, feedback, onDone }: CardProps) {
  const { t } = useTranslation('deletion');
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
    const reason = HOLD_REASONS.find((h) => h === chosen);
    if (reason === undefined) return;
    await act(
      () => deletionsApi.hold(item.id, reason),
      () => t('card.held'),
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
        <span className="badge">{statusLabel(t, item.status)}</span>
        {item.overdue ? <strong className="overdue-flag"> {t('card.overdue')}</strong> : null}
      </p>
      <dl className="deletion-facts">
        <div>
          <dt>{t('card.received')}</dt>
          <dd>{formatDateTime(new Date(item.receivedAt))}</dd>
        </div>
        <div>
          <dt>{t('card.due')}</dt>
          <dd>
            {formatDate(new Date(item.dueAt))}
            {pendingRequest ? ` (${timeLeft(t, item.secondsLeft)})` : ''}
          </dd>
        </div>
        {pendingRequest ? (
          <div>
            <dt>{t('card.processedAutomatically')}</dt>
            <dd>{item.holdReason ? t('card.notWhileOnHold') : formatDateTime(new Date(item.processAfter))}</dd>
          </div>
        ) : null}
        {item.completedAt ? (
          <div>
            <dt>{t('card.completed')}</dt>
            <dd>{formatDateTime(new Date(item.completedAt))}</dd>
          </div>
        ) : null}
      </dl>
      {item.holdLabel ? (
        <p className="notice notice-warning">
          {t('card.onHold', {
            reason:
              item.holdReason === null ? item.holdLabel : holdReasonWording(t, item.holdReason, 'long', item.holdLabel),
          })}
        </p>
      ) : null}
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
              <p>{t('card.confirmErase')}</p>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-danger-solid"
                  disabled={pending}
                  onClick={() =>
                    void act(
                      () => deletionsApi.process(item.id),
                      (next) => processed(t, next.outcome, next),
                    )
                  }
                >
                  {t('card.eraseNow')}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                  {t('card.cancel')}
                </button>
              </div>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              {t('card.processNow')}
            </button>
          )}
          <form className="deletion-hold" onSubmit={onHold}>
            <SelectField label={t('card.holdReason')} name="reason" defaultValue={HOLD_REASONS[0]}>
              {HOLD_REASONS.map((h) => (
                <option key={h} value={h}>
                  {holdReasonWording(t, h, 'short', h)}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button button-secondary" disabled={pending}>
              {t('card.putOnHold')}
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
              () => t('card.released'),
            )
          }
        >
          {t('card.release')}
        </button>
      ) : null}
    </li>
  );
}
