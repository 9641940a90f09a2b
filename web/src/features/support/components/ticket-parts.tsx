// Pieces shared by Account → Support and the management console's ticket pages.
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { DateTime } from '../../../components/date-time.tsx';
import { formText, TextAreaField } from '../../../components/fields.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { useRequest } from '../../../lib/use-request.ts';
import { BODY_MAX, type TicketCategory, type TicketMessage, type TicketStatus } from '../api.ts';

export const CATEGORY_LABELS: Record<TicketCategory, string> = {
  order_problem: 'A problem with an order',
  seller_problem: 'A problem with a seller',
  account: 'My account',
  other: 'Something else',
};

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  waiting_for_customer: 'Waiting for customer',
  resolved: 'Resolved',
};

const STATUS_TONE: Record<TicketStatus, string> = {
  open: 'badge-info',
  waiting_for_customer: 'badge-warning',
  resolved: 'badge-success',
};

/** The status in words (the customer reads "Answered" for "waiting for customer"); colour only repeats it. */
export function TicketStatusBadge({ status, audience }: { status: TicketStatus; audience: 'customer' | 'staff' }) {
  const label =
    audience === 'customer' && status === 'waiting_for_customer'
      ? 'Answered: waiting for you'
      : TICKET_STATUS_LABELS[status];
  return <span className={`badge ${STATUS_TONE[status]}`}>{label}</span>;
}

/**
 * The conversation, oldest first. Text is rendered as text (React escapes it) with its line
 * breaks kept by CSS; nothing anyone writes becomes markup.
 */
export function MessageThread({ messages, audience }: { messages: TicketMessage[]; audience: 'customer' | 'staff' }) {
  return (
    <ol className="ticket-thread" aria-label="Messages">
      {messages.map((message) => {
        const author =
          message.from === 'support'
            ? audience === 'staff' && message.authorName
              ? `Souk support (${message.authorName})`
              : 'Souk support'
            : audience === 'customer'
              ? 'You'
              : 'Customer';
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
  const { pending, error, run } = useRequest({
    fieldMessages: { body: `Write a message of 1 to ${BODY_MAX} characters.` },
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
