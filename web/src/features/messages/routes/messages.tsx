// Messages: the conversation lists (Account → Messages for buyers, the seller center's Messages for
// stores), the buyer's conversation page, and writing to a seller about a product or an order
// (/account/messages/new?productId=… or ?orderId=…, reached from "Message the seller").
import { useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { catalogApi } from '../../catalog/api.ts';
import { useCountry } from '../../../lib/country-context.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ConversationList, conversationPath, MessageForm } from '../components/message-thread.tsx';
import { notifyMessagesChanged, useUnreadText } from '../components/unread-messages.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { messagesApi, type Perspective } from '../api.ts';
import { ordersApi } from '../../orders/api.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { ConversationScreen } from './conversation.tsx';
import '../styles.css';

const PAGE_SIZE = 20;

function readPage(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
}

export function ConversationsScreen({ perspective }: { perspective: Perspective }) {
  const { t } = useTranslation('messages');
  const unreadText = useUnreadText();
  usePageTitle(t('list.title'));
  const [params] = useSearchParams();
  const page = readPage(params.get('page'));
  const { state, retry } = useLoad(`${perspective}|${page}`, (signal) =>
    messagesApi.list(perspective, page, PAGE_SIZE, signal),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;
  const path = perspective === 'buyer' ? '/account/messages' : '/seller/messages';

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('list.title')}
      </h1>
      {state.status === 'failed' ? <LoadError error={state.error} what={t('list.what')} onRetry={retry} /> : null}
      {list === undefined && state.status === 'loading' ? <Loading>{t('list.loading')}</Loading> : null}
      {list !== undefined && list.total === 0 ? (
        <div className="empty-results">
          {perspective === 'buyer' ? (
            <>
              <p>{t('list.emptyBuyer')}</p>
              <p>
                <Link to="/">{t('list.browse')}</Link>
              </p>
            </>
          ) : (
            <p>{t('list.emptyStore')}</p>
          )}
        </div>
      ) : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">
            {list.unread > 0
              ? t('list.summaryUnread', { count: list.total, unread: unreadText(list.unread) })
              : t('list.summary', { count: list.total })}
          </p>
          {list.items.length === 0 ? (
            <p>
              {t('list.emptyPage')} <Link to={path}>{t('list.firstPage')}</Link>
            </p>
          ) : (
            <ConversationList items={list.items} perspective={perspective} />
          )}
          <Pagination
            page={page}
            totalPages={Math.ceil(list.total / PAGE_SIZE)}
            hrefFor={(n) => (n === 1 ? path : `${path}?page=${n}`)}
            onFollow={() => headingRef.current?.focus()}
          />
        </>
      ) : null}
    </>
  );
}

export function MessagesPage() {
  return <ConversationsScreen perspective="buyer" />;
}

export function ConversationPage() {
  return <ConversationScreen perspective="buyer" />;
}

type Subject = { kind: 'product'; id: string } | { kind: 'order'; id: string } | { kind: 'store'; id: string };
/** `about` is null when writing to the store itself (from its page); `storeId` only then. */
type SubjectInfo = { storeName: string; about: string | null; link: string; storeId?: string };

function readSubject(params: URLSearchParams): Subject | null {
  // The one spelling of an id the API takes (lower case): anything else is no subject.
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const productId = params.get('productId');
  const orderId = params.get('orderId');
  if (productId !== null && uuid.test(productId)) return { kind: 'product', id: productId };
  if (orderId !== null && uuid.test(orderId)) return { kind: 'order', id: orderId };
  // A store by its page's slug (/s/<slug>): the store itself is the subject.
  const store = params.get('store');
  if (store !== null && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(store) && store.length <= 80)
    return { kind: 'store', id: store };
  return null;
}

function NewMessage({ subject }: { subject: Subject }) {
  const { t } = useTranslation('messages');
  const navigate = useNavigate();
  const { country } = useCountry();
  const { state, retry } = useLoad(`${subject.kind}|${subject.id}`, async (signal): Promise<SubjectInfo> => {
    if (subject.kind === 'product') {
      const product = await catalogApi.getProduct(subject.id, country, signal);
      return { storeName: product.store.name, about: product.title, link: `/p/${encodeURIComponent(product.id)}` };
    }
    if (subject.kind === 'store') {
      const { store } = await catalogApi.getStore(subject.id, { pageSize: 1 }, signal);
      return { storeName: store.name, about: null, link: `/s/${encodeURIComponent(store.slug)}`, storeId: store.id };
    }
    const order = await ordersApi.getOrder(subject.id, signal);
    return {
      storeName: order.store.name,
      about: t('new.order', { number: order.number }),
      link: `/account/orders/${encodeURIComponent(order.id)}`,
    };
  });
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function send(body: string) {
    const thread = await messagesApi.start(
      subject.kind === 'product'
        ? { productId: subject.id }
        : subject.kind === 'store'
          ? { storeId: state.status === 'loaded' ? (state.data.storeId ?? '') : '' }
          : { orderId: subject.id },
      body,
    );
    setSentTo(thread.conversation.id);
    notifyMessagesChanged();
    navigate(conversationPath('buyer', thread.conversation.id));
  }

  if (state.status === 'failed') {
    return (
      <>
        <h1 tabIndex={-1}>{t('new.title')}</h1>
        <LoadError
          error={state.error}
          what={
            subject.kind === 'product'
              ? t('new.whatProduct')
              : subject.kind === 'store'
                ? t('new.whatStore')
                : t('new.whatOrder')
          }
          onRetry={retry}
        />
      </>
    );
  }
  if (state.status !== 'loaded') return <Loading>{t('new.loading')}</Loading>;
  const info = state.data;
  return (
    <>
      <h1 tabIndex={-1}>{t('new.messageStore', { name: info.storeName })}</h1>
      {info.about === null ? (
        <p>
          <Trans
            t={t}
            i18nKey="new.toStore"
            values={{ name: info.storeName }}
            components={{ a: <Link to={info.link} /> }}
          />
        </p>
      ) : (
        <p>
          <Trans
            t={t}
            i18nKey="new.aboutSubject"
            values={{ about: info.about, name: info.storeName }}
            components={{ a: <Link to={info.link} /> }}
          />
        </p>
      )}
      {sentTo === null ? (
        <MessageForm label={t('conversation.yourMessage')} submitLabel={t('new.send')} onSend={send} />
      ) : (
        <Loading>{t('new.opening')}</Loading>
      )}
    </>
  );
}

export function NewConversationPage() {
  const { t } = useTranslation('messages');
  usePageTitle(t('new.title'));
  const [params] = useSearchParams();
  const subject = readSubject(params);
  if (subject === null) {
    return (
      <>
        <h1 tabIndex={-1}>{t('new.title')}</h1>
        <p>{t('new.noSubject')}</p>
      </>
    );
  }
  return <NewMessage key={`${subject.kind}|${subject.id}`} subject={subject} />;
}
