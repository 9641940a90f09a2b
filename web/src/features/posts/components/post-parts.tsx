// Pieces shared by reviews and questions: plain text with its paragraphs, the author line,
// editing one's own text in place, and reporting someone else's post behind a confirmation.
import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { SelectField, TextAreaField } from '../../../components/fields.tsx';
import { StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { postsApi, REPORT_REASONS, POST_LIMITS, type PostKind, type ReportReason } from '../api.ts';
import { useRequest } from '../../../lib/use-request.ts';

/** Text someone wrote, as text: paragraphs and line breaks kept, never parsed as HTML. */
export function PostText({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return (
    <div className="post-text">
      {paragraphs.map((paragraph, n) => (
        <p key={n}>{paragraph}</p>
      ))}
    </div>
  );
}

export function PostByline({
  name,
  createdAt,
  updatedAt,
  badge,
}: {
  name: string;
  createdAt: string;
  updatedAt: string;
  badge?: string;
}) {
  return (
    <p className="post-byline">
      <span className="post-author">{name}</span>
      {badge !== undefined ? <span className="badge badge-info">{badge}</span> : null} · <DateTime iso={createdAt} />
      {updatedAt !== createdAt && Date.parse(updatedAt) - Date.parse(createdAt) > 1000 ? (
        <span className="muted"> (edited)</span>
      ) : null}
    </p>
  );
}

/** A text form for writing or editing a question or an answer. */
export function TextPostForm({
  label,
  submitLabel,
  initial = '',
  maxLength,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  maxLength: number;
  /** Resolves true when saved (the form then clears). */
  onSubmit: (text: string) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setProblem(`Write something first.`);
      return;
    }
    setProblem(undefined);
    setPending(true);
    const saved = await onSubmit(text);
    setPending(false);
    if (saved && onCancel === undefined) setText('');
  }

  return (
    <form className="post-form" onSubmit={submit} noValidate>
      <TextAreaField
        label={label}
        name="body"
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={maxLength}
        rows={3}
        error={problem}
        hint={`Up to ${maxLength.toLocaleString()} characters.`}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel !== undefined ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

const KIND_WORDS: Record<PostKind, string> = { review: 'review', question: 'question', answer: 'answer' };

/** "Report" → a dialog asking why → sent to staff. For signed-in people, on others' posts. */
export function ReportPost({ kind, id, context }: { kind: PostKind; id: string; context: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const { pending, error, run } = useRequest();

  if (sent) {
    return (
      <StatusMessage>
        <p>Thank you. Staff will look at this {KIND_WORDS[kind]}.</p>
      </StatusMessage>
    );
  }
  async function send() {
    const outcome = await run(() => postsApi.report({ kind, id, reason, ...(note.trim() !== '' ? { note } : {}) }));
    if (outcome.ok) {
      setOpen(false);
      setSent(true);
    }
  }
  return (
    <>
      <button type="button" className="button-link" aria-label={`Report ${context}`} onClick={() => setOpen(true)}>
        Report
      </button>
      <ConfirmDialog
        open={open}
        title={`Report this ${KIND_WORDS[kind]}?`}
        confirmLabel="Send report"
        pending={pending}
        error={error}
        onConfirm={() => void send()}
        onCancel={() => setOpen(false)}
      >
        <p>Staff will read your report and may hide the {KIND_WORDS[kind]}. Its author is not told who reported it.</p>
        <SelectField
          label="Why are you reporting it?"
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value as ReportReason)}
        >
          {REPORT_REASONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label="Anything staff should know (optional)"
          name="note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={POST_LIMITS.reportNote}
          rows={2}
        />
      </ConfirmDialog>
    </>
  );
}
