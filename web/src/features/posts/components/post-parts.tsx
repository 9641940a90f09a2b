// Pieces shared by reviews and questions: plain text with its paragraphs, the author line,
// editing one's own text in place, and reporting someone else's post behind a confirmation.
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { SelectField, TextAreaField } from '../../../components/fields.tsx';
import { StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { postsApi, REPORT_REASONS, POST_LIMITS, type PostKind, type ReportReason } from '../api.ts';
import { formatCount } from '../../../lib/format.ts';
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
  const { t } = useTranslation('posts');
  return (
    <p className="post-byline">
      <span className="post-author">{name}</span>
      {badge !== undefined ? <span className="badge badge-info">{badge}</span> : null} · <DateTime iso={createdAt} />
      {updatedAt !== createdAt && Date.parse(updatedAt) - Date.parse(createdAt) > 1000 ? (
        <span className="muted">{t('parts.edited')}</span>
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
  const { t } = useTranslation('posts');
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setProblem(t('parts.writeSomething'));
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
        hint={t('parts.upToCharacters', { max: formatCount(maxLength) })}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel !== undefined ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
            {t('parts.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** A report reason in words (the API gives its code). */
export function reasonLabel(t: TFunction<'posts'>, reason: string): string {
  switch (reason) {
    case 'spam':
      return t('reasons.spam');
    case 'offensive':
      return t('reasons.offensive');
    case 'off_topic':
      return t('reasons.offTopic');
    case 'personal_data':
      return t('reasons.personalData');
    case 'other':
      return t('reasons.other');
    default:
      return reason;
  }
}

// One sentence per kind: French words differ by the noun's gender ("cet avis", "cette question").
function reportTexts(t: TFunction<'posts'>, kind: PostKind) {
  switch (kind) {
    case 'review':
      return {
        thanks: t('report.thanks.review'),
        title: t('report.title.review'),
        explain: t('report.explain.review'),
      };
    case 'question':
      return {
        thanks: t('report.thanks.question'),
        title: t('report.title.question'),
        explain: t('report.explain.question'),
      };
    case 'answer':
      return {
        thanks: t('report.thanks.answer'),
        title: t('report.title.answer'),
        explain: t('report.explain.answer'),
      };
  }
}

/** "Report" → a dialog asking why → sent to staff. For signed-in people, on others' posts. */
export function ReportPost({ kind, id, context }: { kind: PostKind; id: string; context: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const { pending, error, run } = useRequest();
  const { t } = useTranslation('posts');
  const texts = reportTexts(t, kind);

  if (sent) {
    return (
      <StatusMessage>
        <p>{texts.thanks}</p>
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
      <button
        type="button"
        className="button-link"
        aria-label={t('report.buttonLabel', { context })}
        onClick={() => setOpen(true)}
      >
        {t('report.button')}
      </button>
      <ConfirmDialog
        open={open}
        title={texts.title}
        confirmLabel={t('report.send')}
        pending={pending}
        error={error}
        onConfirm={() => void send()}
        onCancel={() => setOpen(false)}
      >
        <p>{texts.explain}</p>
        <SelectField
          label={t('report.reason')}
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value as ReportReason)}
        >
          {REPORT_REASONS.map((r) => (
            <option key={r} value={r}>
              {reasonLabel(t, r)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('report.note')}
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
