// Conversations between buyers and stores. Shapes follow src/modules/messages/schemas.ts.
import { request } from '../../api/client.ts';

export const MESSAGE_MAX_LENGTH = 2000;
/** Shown in place of a message whose author deleted their account (the server sends no text). */
export const REMOVED_MESSAGE_TEXT = 'A message from a deleted account was removed';

export type MessageSide = 'buyer' | 'store';

export type Message = {
  id: string;
  side: MessageSide;
  fromMe: boolean;
  /** null when removed */
  body: string | null;
  removed: boolean;
  /** ISO date-time. */
  createdAt: string;
};

export type Conversation = {
  id: string;
  store: { id: string; name: string };
  buyer: { name: string | null };
  /** The other side's name as the reader sees it. */
  withName: string;
  product: { id: string; title: string } | null;
  order: { id: string; number: string } | null;
  unread: number;
  lastMessage: { body: string | null; removed: boolean; fromMe: boolean; createdAt: string } | null;
  lastMessageAt: string;
  canReply: boolean;
};

export type ConversationList = { items: Conversation[]; total: number; unread: number; page: number; pageSize: number };
export type Thread = { conversation: Conversation; messages: Message[]; hasEarlier: boolean };
export type UnreadCounts = { buyer: number; store: number };

/** Which side of the conversations the page shows: the buyer's account, or the seller center. */
export type Perspective = 'buyer' | 'store';

const base = (perspective: Perspective) => (perspective === 'buyer' ? '/api/conversations' : '/api/seller/conversations');
const id = (value: string) => encodeURIComponent(value);

export const messagesApi = {
  unreadCounts: async (signal?: AbortSignal): Promise<UnreadCounts> =>
    (await request('GET', '/api/conversations/unread-count', undefined, signal)) as UnreadCounts,
  list: async (perspective: Perspective, page: number, pageSize: number, signal?: AbortSignal): Promise<ConversationList> =>
    (await request('GET', `${base(perspective)}?page=${page}&pageSize=${pageSize}`, undefined, signal)) as ConversationList,
  thread: async (perspective: Perspective, conversationId: string, before?: string, signal?: AbortSignal): Promise<Thread> =>
    (await request('GET', `${base(perspective)}/${id(conversationId)}/messages${before ? `?before=${id(before)}` : ''}`, undefined, signal)) as Thread,
  reply: async (perspective: Perspective, conversationId: string, body: string): Promise<Message> =>
    (await request('POST', `${base(perspective)}/${id(conversationId)}/messages`, { body })) as Message,
  start: async (subject: { productId: string } | { orderId: string }, body: string): Promise<Thread> =>
    (await request('POST', '/api/conversations', { ...subject, body })) as Thread,
};
