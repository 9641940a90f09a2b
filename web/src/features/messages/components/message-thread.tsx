// The parts of Messages shared by the buyer's account and the seller center: the conversation
// list, the thread (oldest first, your own messages marked, removed messages as a placeholder),
// the reply form and the link to what the conversation is about. Text is always rendered as text.
import { useId, useState, type SubmitEvent } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MESSAGE_MAX_LENGTH, type Conversation, type Message, type Perspective } from '../api.ts';
import { formatCount } from '../../../lib/format.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { useUnreadText } from './unread-messages.tsx';

export const conversationPath = (perspective: Perspective, id: string) =>
  `${perspective === 'buyer' ? '/account/messages' : '/seller/messages'}/${encodeURIComponent(id)}`;

/** "About <product>" or "About order <number>", linked to it. */
export function SubjectLink({ conversation, perspective }: { conversation: Conversation; perspective: Perspective }) {
  const { t } = useTranslation('messages');
  if (conversation.order !== null) {
    const to =
      perspective === 'buyer'
        ? `/account/orders/${encodeURIComponent(conversation.order.id)}`
        : '/seller/orders?status=all';
    return (
      <Trans
        t={t}
        i18nKey="subject.aboutOrderLinked"
        values={{ number: conversation.order.number }}
        components={{ a: <Link to={to} /> }}
      />
    );
  }
  if (conversation.product !== null) {
    return (
      <Trans
        t={t}
        i18nKey="subject.aboutLinked"
        values={{ title: conversation.product.title }}
        components={{ a: <Link to={`/p/${encodeURIComponent(conversation.product.id)}`} /> }}
      />
    );
  }
  return <>{t('subject.general')}</>;
}

function subjectText(t: TFunction<'messages'>, conversation: Conversation): string {
  if (conversation.order !== null) return t('subject.aboutOrder', { number: conversation.order.number });
  if (conversation.product !== null) return t('subject.about', { title: conversation.product.title });
  return t('subject.general');
}

export function ConversationList({ items, perspective }: { items: Conversation[]; perspective: Perspective }) {
  const { t } = useTranslation('messages');
  const unreadText = useUnreadText();
  return (
    <ul className="card-list conversation-list" aria-label={t('list.conversations')}>
      {items.map((c) => {
        const unreadId = `unread-${c.id}`;
        const last = c.lastMessage;
        return (
          <li
            key={c.id}
            className={c.unread > 0 ? 'card conversation-card conversation-unread' : 'card conversation-card'}
          >
            <div className="conversation-card-head">
              <h2 className="card-title">
                <Link to={conversationPath(perspective, c.id)} aria-describedby={c.unread > 0 ? unreadId : undefined}>
                  {c.withName}
                </Link>
              </h2>
              {c.unread > 0 ? (
                <span id={unreadId} className="badge badge-info">
                  {unreadText(c.unread)}
                </span>
              ) : null}
            </div>
            <p className="muted">{subjectText(t, c)}</p>
            {last !== null ? (
              <p className="conversation-preview">
                {last.fromMe ? <span className="conversation-you">{t('list.youPrefix')}</span> : null}
                {last.removed ? <em>{t('removed')}</em> : last.body}
                {' · '}
                <DateTime iso={last.createdAt} />
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function MessageList({ messages, otherName }: { messages: Message[]; otherName: string }) {
  const { t } = useTranslation('messages');
  if (messages.length === 0) return <p>{t('thread.none')}</p>;
  return (
    <ol className="thread" aria-label={t('thread.label')}>
      {messages.map((m) => (
        <li
          key={m.id}
          className={
            m.removed ? 'message message-removed' : m.fromMe ? 'message message-mine' : 'message message-theirs'
          }
        >
          <p className="message-meta">
            <span className="message-author">
              {m.fromMe ? t('thread.you') : m.removed ? t('thread.deletedAccount') : otherName}
            </span>
            {' · '}
            <DateTime iso={m.createdAt} />
          </p>
          {m.removed ? (
            <p className="message-body">
              <em>{t('removed')}</em>
            </p>
          ) : (
            <p className="message-body">{m.body}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** A plain-text message box with its length limit; `onSend` throws (an ApiError) when the message was not sent. */
export function MessageForm({
  label,
  submitLabel,
  onSend,
}: {
  label: string;
  submitLabel: string;
  onSend: (body: string) => Promise<void>;
}) {
  const { t } = useTranslation('messages');
  const id = useId();
  const [body, setBody] = useState('');
  const { pending, error, run } = useRequest({
    fieldMessages: { body: t('form.bodyInvalid', { max: formatCount(MESSAGE_MAX_LENGTH) }) },
  });
  const fieldError = error?.fields.body;

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const outcome = await run(() => onSend(body));
    if (outcome.ok) setBody('');
  }

  return (
    <form className="form message-form" onSubmit={onSubmit} noValidate>
      <ErrorAlert error={error} formFields={['body']} />
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="field-hint">
          {t('form.hint', {
            max: formatCount(MESSAGE_MAX_LENGTH),
            count: MESSAGE_MAX_LENGTH - body.length,
          })}
        </p>
        {fieldError ? (
          <p id={`${id}-error`} className="field-error">
            <span className="visually-hidden">{t('form.errorPrefix')}</span>
            {fieldError}
          </p>
        ) : null}
        <textarea
          id={id}
          name="body"
          rows={4}
          required
          maxLength={MESSAGE_MAX_LENGTH}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
      </div>
      <button type="submit" className="button" disabled={pending || body.trim() === ''}>
        {submitLabel}
      </button>
    </form>
  );
}
