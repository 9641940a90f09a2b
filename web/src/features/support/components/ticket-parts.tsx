// Pieces shared by Account → Support and the management console's ticket pages.
import { useState, type ReactNode, type SubmitEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../../components/date-time.tsx';
import { formText, TextAreaField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { useRequest } from '../../../lib/use-request.ts';
import { BODY_MAX, type TicketCategory, type TicketMessage, type TicketStatus } from '../api.ts';

export function categoryLabel(t: TFunction<'support'>, category: TicketCategory): string {
  switch (category) {
    case 'order_problem':
      return t('category.orderProblem');
    case 'seller_problem':
      return t('category.sellerProblem');
    case 'account':
      return t('category.account');
    case 'other':
      return t('category.other');
  }
}

export function ticketStatusLabel(t: TFunction<'support'>, status: TicketStatus): string {
  switch (status) {
    case 'open':
      return t('status.open');
    case 'waiting_for_customer':
      return t('status.waitingForCustomer');
    case 'resolved':
      return t('status.resolved');
  }
}

const STATUS_TONE: Record<TicketStatus, string> = {
  open: 'badge-info',
  waiting_for_customer: 'badge-warning',
  resolved: 'badge-success',
};

/** The status in words (the customer reads "Answered" for "waiting for customer"); colour only repeats it. */
export function TicketStatusBadge({ status, audience }: { status: TicketStatus; audience: 'customer' | 'staff' }) {
  const { t } = useTranslation('support');
  const label =
    audience === 'customer' && status === 'waiting_for_customer'
      ? t('status.answeredWaitingForYou')
      : ticketStatusLabel(t, status);
  return <span className={`badge ${STATUS_TONE[status]}`}>{label}</span>;
}

/**
 * The conversation, oldest first. Text is rendered as text (React escapes it) with its line
 * breaks kept by CSS; nothing anyone writes becomes markup.
 */
export function MessageThread({ messages, audience }: { messages: TicketMessage[]; audience: 'customer' | 'staff' }) {
  const { t } = useTranslation('support');
  return (
    <ol className="ticket-thread" aria-label={t('thread.label')}>
      {messages.map((message) => {
        const author =
          message.from === 'support'
            ? audience === 'staff' && message.authorName
              ? t('thread.supportNamed', { name: message.authorName })
              : t('thread.support')
            : audience === 'customer'
              ? t('thread.you')
              : t('thread.customer');
        return (
          <li key={message.id} className={`ticket-message ticket-message-${message.from}`}>
            <p className="ticket-message-meta">
              <strong>{author}</strong> · <DateTime iso={message.createdAt} />
            </p>
            <div className="ticket-message-body">{message.body}</div>
          </li>
        );
      })}
    </ol>
  );
}

/** A reply box; `children` adds fields (staff choose the status to set). Clears itself after sending. */
export function ReplyForm({
  label,
  hint,
  submitLabel,
  onSend,
  children,
}: {
  label: string;
  hint?: string;
  submitLabel: string;
  onSend: (body: string, form: HTMLFormElement) => Promise<void>;
  children?: ReactNode;
}) {
  const { t } = useTranslation('support');
  const { pending, error, run } = useRequest({
    fieldMessages: { body: t('form.bodyInvalid', { max: BODY_MAX }) },
  });
  const [formKey, setFormKey] = useState(0);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const outcome = await run(() => onSend(formText(form, 'body').trim(), form));
    if (outcome.ok) setFormKey((k) => k + 1);
  }

  return (
    <form key={formKey} className="form ticket-reply" onSubmit={onSubmit}>
      <ErrorAlert error={error} formFields={['body']} />
      <TextAreaField
        label={label}
        name="body"
        required
        maxLength={BODY_MAX}
        rows={5}
        hint={hint}
        error={error?.fields.body}
      />
      {children}
      <button type="submit" className="button" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
