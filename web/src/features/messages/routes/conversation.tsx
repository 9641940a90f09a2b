// One conversation, for the buyer (/account/messages/:id) and for the store (/seller/messages/:id):
// the other side's name, what it is about, the thread oldest first with earlier messages on
// request, and the reply form (or why replying is no longer possible).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { MessageForm, MessageList, SubjectLink } from '../components/message-thread.tsx';
import { notifyMessagesChanged } from '../components/unread-messages.tsx';
import { messagesApi, type Message, type Perspective, type Thread } from '../api.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import '../styles.css';

const listPath = (perspective: Perspective) => (perspective === 'buyer' ? '/account/messages' : '/seller/messages');

function ConversationDetails({ initial, perspective }: { initial: Thread; perspective: Perspective }) {
  const { t } = useTranslation('messages');
  const { conversation } = initial;
  const [messages, setMessages] = useState<Message[]>(initial.messages);
  const [hasEarlier, setHasEarlier] = useState(initial.hasEarlier);
  const earlier = useRequest();

  async function loadEarlier() {
    const first = messages[0];
    if (first === undefined) return;
    const outcome = await earlier.run(() => messagesApi.thread(perspective, conversation.id, first.id));
    if (!outcome.ok) return;
    setMessages((current) => [...outcome.value.messages, ...current]);
    setHasEarlier(outcome.value.hasEarlier);
  }

  async function send(body: string) {
    const message = await messagesApi.reply(perspective, conversation.id, body);
    setMessages((current) => [...current, message]);
    notifyMessagesChanged();
  }

  return (
    <>
      <p className="back-link">
        <Link to={listPath(perspective)}>{t('conversation.all')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('conversation.with', { name: conversation.withName })}</h1>
      <p className="conversation-subject">
        <SubjectLink conversation={conversation} perspective={perspective} />
      </p>
      {hasEarlier ? (
        <p>
          <button type="button" className="button button-secondary" onClick={loadEarlier} disabled={earlier.pending}>
            {t('conversation.earlier')}
          </button>
        </p>
      ) : null}
      <ErrorAlert error={earlier.error} />
      <MessageList messages={messages} otherName={conversation.withName} />
      {conversation.canReply ? (
        <section aria-labelledby="reply-heading" className="reply">
          <h2 id="reply-heading">{t('conversation.reply')}</h2>
          <MessageForm label={t('conversation.yourMessage')} submitLabel={t('conversation.send')} onSend={send} />
        </section>
      ) : (
        <p className="notice">
          {perspective === 'buyer' ? t('conversation.storeClosed') : t('conversation.buyerDeleted')}
        </p>
      )}
    </>
  );
}

export function ConversationScreen({ perspective }: { perspective: Perspective }) {
  const { t } = useTranslation('messages');
  const { id = '' } = useParams();
  const { state, retry } = useLoad(`${perspective}|${id}`, (signal) =>
    messagesApi.thread(perspective, id, undefined, signal),
  );
  const notFound =
    state.status === 'failed' && (state.error.status === 404 || state.error.code === 'VALIDATION_FAILED');
  const loaded = state.status === 'loaded' ? state.data : null;
  usePageTitle(
    loaded !== null
      ? t('conversation.with', { name: loaded.conversation.withName })
      : notFound
        ? t('conversation.notFound')
        : t('conversation.title'),
  );
  // Reading the newest messages marked them read: let the navigation count again.
  useEffect(() => {
    if (loaded !== null) notifyMessagesChanged();
  }, [loaded]);

  if (loaded !== null)
    return <ConversationDetails key={loaded.conversation.id} initial={loaded} perspective={perspective} />;
  if (notFound) {
    return (
      <>
        <h1 tabIndex={-1}>{t('conversation.notFound')}</h1>
        <p>{t('conversation.notFoundText')}</p>
        <p>
          <Link to={listPath(perspective)}>{t('conversation.seeAll')}</Link>
        </p>
      </>
    );
  }
  if (state.status === 'failed') {
    return (
      <>
        <h1 tabIndex={-1}>{t('conversation.title')}</h1>
        <LoadError error={state.error} what={t('conversation.what')} onRetry={retry} />
      </>
    );
  }
  return <Loading>{t('conversation.loading')}</Loading>;
}
