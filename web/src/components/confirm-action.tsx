import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

type ConfirmActionProps = {
  /** The button that starts it, e.g. "Cancel order". */
  label: string;
  /** What the confirmation step says. */
  question: ReactNode;
  confirmLabel: string;
  keepLabel: string;
  pending: boolean;
  /** Resolves true when the action happened (the confirmation then closes). */
  onConfirm: () => Promise<boolean>;
  /** Read out with the buttons, e.g. the order number, when several orders share a page. */
  context?: string;
};

/**
 * A destructive action behind a second step: the first button opens a question with a confirm
 * and a keep button. Focus moves to the question, and back to the first button when kept.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  keepLabel,
  pending,
  onConfirm,
  context,
}: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const startRef = useRef<HTMLButtonElement>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (wasAsking.current) startRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const suffix = context === undefined ? '' : ` ${context}`;

  if (!asking) {
    return (
      <button
        ref={startRef}
        type="button"
        className="button button-secondary button-danger"
        aria-label={context === undefined ? undefined : `${label}${suffix}`}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} tabIndex={-1} ref={questionRef}>
        {question}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-danger-solid"
          disabled={pending}
          aria-label={context === undefined ? undefined : `${confirmLabel}${suffix}`}
          onClick={async () => {
            if (await onConfirm()) setAsking(false);
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" disabled={pending} onClick={() => setAsking(false)}>
          {keepLabel}
        </button>
      </div>
    </div>
  );
}
