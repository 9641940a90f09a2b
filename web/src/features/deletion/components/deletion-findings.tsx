// What an erasure's verification found and could not settle itself, in a parked request's card:
// where (table, column, row), which of the person's identifiers, the excerpt with the identifier
// masked, and staff's decision: erase the value (after a confirmation) or mark it as not this
// person's data with a written reason, which the erasure certificate keeps.
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { formText, TextAreaField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { deletionsApi, type DeletionFinding, type DeletionRequest } from '../api.ts';
import { pluralize } from '../../../lib/format.ts';
import { useRequest } from '../../../lib/use-request.ts';

const IDENTIFIER_LABELS: Record<DeletionFinding['identifier'], string> = {
  email: 'Their email address',
  phone: 'Their phone number',
  'user id': 'Their account id',
  'upload key': 'One of their uploaded files',
  token: 'One of their tokens',
  ownership: 'One of their own rows, still there',
};

export const ERASED_MESSAGE = 'Value erased. Process the request again to finish.';
export const DISMISSED_MESSAGE = "Marked as not this person's data.";

const REASON_WORDING = {
  codeFields: { REASON_REQUIRED: 'reason' },
  fieldMessages: { reason: 'Write a reason of at most 500 characters.' },
};

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

function findingStatus(finding: DeletionFinding): string {
  if (finding.status === 'erased') return 'Erased';
  if (finding.status === 'dismissed') return `Dismissed: ${finding.reason ?? ''}`;
  return 'Open';
}

type Resolve = (next: DeletionRequest, message: string) => void;
type StepProps = { requestId: string; finding: DeletionFinding; onResolved: Resolve; onCancel: () => void };

// Each step has its own request state, so an error does not outlive the step that caused it.
function EraseConfirmation({ requestId, finding, onResolved, onCancel }: StepProps) {
  const { pending, error, run } = useRequest();
  const cancel = useRef<HTMLButtonElement>(null);
  // Like the other confirmations, it starts on the harmless choice.
  useEffect(() => cancel.current?.focus(), []);

  async function erase() {
    const outcome = await run(() => deletionsApi.eraseFinding(requestId, finding.id));
    if (outcome.ok) onResolved(outcome.value, ERASED_MESSAGE);
  }

  return (
    <div className="finding-actions">
      <p>
        Erase this value from {finding.table}.{finding.column}? This cannot be undone.
      </p>
      <ErrorAlert error={error} />
      <div className="button-row">
        <button type="button" className="button button-danger-solid" disabled={pending} onClick={() => void erase()}>
          Erase value
        </button>
        <button ref={cancel} type="button" className="button button-secondary" disabled={pending} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function DismissForm({ requestId, finding, onResolved, onCancel }: StepProps) {
  const { pending, error, run } = useRequest(REASON_WORDING);

  async function dismiss(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = formText(event.currentTarget, 'reason');
    const outcome = await run(() => deletionsApi.dismissFinding(requestId, finding.id, reason));
    if (outcome.ok) onResolved(outcome.value, DISMISSED_MESSAGE);
  }

  return (
    // The server judges the reason (it refuses a blank one in its own words), so the browser's
    // validation bubble does not stand in for its message.
    <form className="finding-actions form" noValidate onSubmit={(event) => void dismiss(event)}>
      <ErrorAlert error={error} formFields={['reason']} />
      <TextAreaField
        label="Why is this not the person's data?"
        name="reason"
        hint="Required. Kept on the erasure certificate. At most 500 characters."
        error={error?.fields.reason}
        maxLength={500}
        rows={3}
        aria-required="true"
        autoFocus
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          Mark as not their data
        </button>
        <button type="button" className="button button-secondary" disabled={pending} onClick={onCancel}>
          Cancel
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
        Erase this value
      </button>
      <button ref={dismissButton} type="button" className="button button-secondary" onClick={() => setStep('dismiss')}>
        Not this person's data
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
  const { findings } = request;
  const open = findings.filter((f) => f.status === 'open').length;
  const headingId = `findings-${request.id}`;
  return (
    <section className="deletion-findings" aria-labelledby={headingId}>
      <h3 id={headingId} className="findings-title">
        What the verification found
      </h3>
      <p className="muted">
        {pluralize(findings.length, 'finding', 'findings')}, {open} open.
        {open > 0 ? " Erase each value or mark it as not this person's data, then process the request again." : ''}
      </p>
      <ul className="finding-list">
        {findings.map((f) => (
          <li key={f.id} className="finding" aria-labelledby={`finding-${f.id}`}>
            <h4 id={`finding-${f.id}`} className="finding-title">
              {f.table} · {f.column}
            </h4>
            <dl className="deletion-facts">
              <div>
                <dt>Table</dt>
                <dd>{f.table}</dd>
              </div>
              <div>
                <dt>Column</dt>
                <dd>{f.column}</dd>
              </div>
              <div>
                <dt>Row</dt>
                <dd className="finding-row">
                  {f.link !== null ? <Link to={f.link}>{rowKeyText(f.rowKey)}</Link> : rowKeyText(f.rowKey)}
                </dd>
              </div>
              <div>
                <dt>Found</dt>
                <dd>{IDENTIFIER_LABELS[f.identifier] ?? f.identifier}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd className="finding-status">{findingStatus(f)}</dd>
              </div>
            </dl>
            <p className="finding-excerpt-label">Excerpt (the identifier is masked):</p>
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
