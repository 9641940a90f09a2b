// What an erasure's verification found and could not settle itself, in a parked request's card:
// where (table, column, row), which of the person's identifiers, the excerpt with the identifier
// masked, and staff's decision: erase the value (after a confirmation) or mark it as not this
// person's data with a written reason, which the erasure certificate keeps.
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formText, TextAreaField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { deletionsApi, type DeletionFinding, type DeletionRequest } from '../api.ts';
import { useRequest } from '../../../lib/use-request.ts';

type T = TFunction<'deletion'>;

function identifierLabel(t: T, identifier: DeletionFinding['identifier']): string {
  switch (identifier) {
    case 'email':
      return t('findings.identifierEmail');
    case 'phone':
      return t('findings.identifierPhone');
    case 'user id':
      return t('findings.identifierUserId');
    case 'upload key':
      return t('findings.identifierUploadKey');
    case 'token':
      return t('findings.identifierToken');
    case 'ownership':
      return t('findings.identifierOwnership');
    default:
      return identifier;
  }
}

/** A row key is its primary key's columns as a JSON array of text; shown as "a, b". */
function rowKeyText(rowKey: string): string {
  try {
    const parts: unknown = JSON.parse(rowKey);
    if (Array.isArray(parts) && parts.every((p) => typeof p === 'string' || typeof p === 'number'))
      return parts.join(', ');
  } catch {
    // Not JSON: show it as it is.
  }
  return rowKey;
}

function findingStatus(t: T, finding: DeletionFinding): string {
  if (finding.status === 'erased') return t('findings.statusErased');
  if (finding.status === 'dismissed') return t('findings.statusDismissed', { reason: finding.reason ?? '' });
  return t('findings.statusOpen');
}

type Resolve = (next: DeletionRequest, message: string) => void;
type StepProps = { requestId: string; finding: DeletionFinding; onResolved: Resolve; onCancel: () => void };

// Each step has its own request state, so an error does not outlive the step that caused it.
function EraseConfirmation({ requestId, finding, onResolved, onCancel }: StepProps) {
  const { t } = useTranslation('deletion');
  const { pending, error, run } = useRequest();
  const cancel = useRef<HTMLButtonElement>(null);
  // Like the other confirmations, it starts on the harmless choice.
  useEffect(() => cancel.current?.focus(), []);

  async function erase() {
    const outcome = await run(() => deletionsApi.eraseFinding(requestId, finding.id));
    if (outcome.ok) onResolved(outcome.value, t('findings.erased'));
  }

  return (
    <div className="finding-actions">
      <p>{t('findings.confirmErase', { table: finding.table, column: finding.column })}</p>
      <ErrorAlert error={error} />
      <div className="button-row">
        <button type="button" className="button button-danger-solid" disabled={pending} onClick={() => void erase()}>
          {t('findings.eraseValue')}
        </button>
        <button ref={cancel} type="button" className="button button-secondary" disabled={pending} onClick={onCancel}>
          {t('findings.cancel')}
        </button>
      </div>
    </div>
  );
}

function DismissForm({ requestId, finding, onResolved, onCancel }: StepProps) {
  const { t } = useTranslation('deletion');
  const { pending, error, run } = useRequest({
    codeFields: { REASON_REQUIRED: 'reason' },
    fieldMessages: { reason: t('findings.reasonError') },
  });

  async function dismiss(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = formText(event.currentTarget, 'reason');
    const outcome = await run(() => deletionsApi.dismissFinding(requestId, finding.id, reason));
    if (outcome.ok) onResolved(outcome.value, t('findings.dismissed'));
  }

  return (
    // The server judges the reason (it refuses a blank one in its own words), so the browser's
    // validation bubble does not stand in for its message.
    <form className="finding-actions form" noValidate onSubmit={(event) => void dismiss(event)}>
      <ErrorAlert error={error} formFields={['reason']} />
      <TextAreaField
        label={t('findings.dismissReason')}
        name="reason"
        hint={t('findings.dismissHint')}
        error={error?.fields.reason}
        maxLength={500}
        rows={3}
        aria-required="true"
        autoFocus
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {t('findings.markNotTheirs')}
        </button>
        <button type="button" className="button button-secondary" disabled={pending} onClick={onCancel}>
          {t('findings.cancel')}
        </button>
      </div>
    </form>
  );
}

type Step = 'choose' | 'erase' | 'dismiss';

function FindingActions({
  requestId,
  finding,
  onDone,
}: {
  requestId: string;
  finding: DeletionFinding;
  onDone: Resolve;
}) {
  const { t } = useTranslation('deletion');
  const [step, setStep] = useState<Step>('choose');
  // Resolved: the actions go away at once, not only once the list has reloaded.
  const [resolved, setResolved] = useState(false);
  const eraseButton = useRef<HTMLButtonElement>(null);
  const dismissButton = useRef<HTMLButtonElement>(null);
  const cameFrom = useRef<Step | null>(null);

  // Leaving a step puts focus back on the button that opened it.
  useEffect(() => {
    if (step !== 'choose' || cameFrom.current === null) return;
    (cameFrom.current === 'erase' ? eraseButton : dismissButton).current?.focus();
    cameFrom.current = null;
  }, [step]);

  const back = () => {
    cameFrom.current = step;
    setStep('choose');
  };
  const onResolved: Resolve = (next, message) => {
    setResolved(true);
    onDone(next, message);
  };

  if (resolved) return null;
  if (step === 'erase')
    return <EraseConfirmation requestId={requestId} finding={finding} onResolved={onResolved} onCancel={back} />;
  if (step === 'dismiss')
    return <DismissForm requestId={requestId} finding={finding} onResolved={onResolved} onCancel={back} />;
  return (
    <div className="button-row finding-actions">
      <button
        ref={eraseButton}
        type="button"
        className="button button-secondary button-danger"
        onClick={() => setStep('erase')}
      >
        {t('findings.eraseThisValue')}
      </button>
      <button ref={dismissButton} type="button" className="button button-secondary" onClick={() => setStep('dismiss')}>
        {t('findings.notThisPerson')}
      </button>
    </div>
  );
}

type FindingsProps = {
  request: DeletionRequest;
  /** Whether staff may act on open findings now (the request is parked and not on hold). */
  actionable: boolean;
  onDone: Resolve;
};

export function DeletionFindings({ request, actionable, onDone }: FindingsProps) {
  const { t } = useTranslation('deletion');
  const { findings } = request;
  const open = findings.filter((f) => f.status === 'open').length;
  const headingId = `findings-${request.id}`;
  return (
    <section className="deletion-findings" aria-labelledby={headingId}>
      <h3 id={headingId} className="findings-title">
        {t('findings.heading')}
      </h3>
      <p className="muted">
        {t('findings.summary', { count: findings.length, open })}
        {open > 0 ? t('findings.summaryTodo') : ''}
      </p>
      <ul className="finding-list">
        {findings.map((f) => (
          <li key={f.id} className="finding" aria-labelledby={`finding-${f.id}`}>
            <h4 id={`finding-${f.id}`} className="finding-title">
              {f.table} · {f.column}
            </h4>
            <dl className="deletion-facts">
              <div>
                <dt>{t('findings.table')}</dt>
                <dd>{f.table}</dd>
              </div>
              <div>
                <dt>{t('findings.column')}</dt>
                <dd>{f.column}</dd>
              </div>
              <div>
                <dt>{t('findings.row')}</dt>
                <dd className="finding-row">
                  {f.link !== null ? <Link to={f.link}>{rowKeyText(f.rowKey)}</Link> : rowKeyText(f.rowKey)}
                </dd>
              </div>
              <div>
                <dt>{t('findings.found')}</dt>
                <dd>{identifierLabel(t, f.identifier)}</dd>
              </div>
              <div>
                <dt>{t('findings.status')}</dt>
                <dd className="finding-status">{findingStatus(t, f)}</dd>
              </div>
            </dl>
            <p className="finding-excerpt-label">{t('findings.excerpt')}</p>
            <blockquote className="finding-excerpt">{f.excerpt}</blockquote>
            {actionable && f.status === 'open' ? (
              <FindingActions requestId={request.id} finding={f} onDone={onDone} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
