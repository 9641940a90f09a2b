// Conversations between buyers and stores.
import { api, send, type ResponseBody } from '../../api/client.ts';

export const MESSAGE_MAX_LENGTH = 2000;
/** Shown in place of a message whose author deleted their account (the server sends no text). */

export type ConversationList = ResponseBody<'/api/conversations', 'get'>;
export type Conversation = ConversationList['items'][number];
export type Thread = ResponseBody<'/api/conversations/{id}/messages', 'get'>;
export type Message = Thread['messages'][number];
export type UnreadCounts = ResponseBody<'/api/conversations/unread-count', 'get'>;

/** Which side of the conversations the page shows: the buyer's account, or the seller center. */
export type Perspective = 'buyer' | 'store';

const inThread = (conversationId: string, before?: string) => ({
  params: { path: { id: conversationId }, query: { before: before || undefined } },
});

export const messagesApi = {
  unreadCounts: (signal?: AbortSignal): Promise<UnreadCounts> =>
    send(api.GET('/api/conversations/unread-count', { signal })),
  list: (perspective: Perspective, page: number, pageSize: number, signal?: AbortSignal): Promise<ConversationList> => {
    const options = { params: { query: { page, pageSize } }, signal };
    return send(
      perspective === 'buyer' ? api.GET('/api/conversations', options) : api.GET('/api/seller/conversations', options),
    );
  },
  thread: (
    perspective: Perspective,
    conversationId: string,
    before?: string,
    signal?: AbortSignal,
  ): Promise<Thread> => {
    const options = { ...inThread(conversationId, before), signal };
    return send(
      perspective === 'buyer'
        ? api.GET('/api/conversations/{id}/messages', options)
        : api.GET('/api/seller/conversations/{id}/messages', options),
    );
  },
  reply: (perspective: Perspective, conversationId: string, body: string): Promise<Message> => {
    const options = { params: { path: { id: conversationId } }, body: { body } };
    return send(
      perspective === 'buyer'
        ? api.POST('/api/conversations/{id}/messages', options)
        : api.POST('/api/seller/conversations/{id}/messages', options),
    );
  },
  start: (subject: { productId: string } | { orderId: string } | { storeId: string }, body: string): Promise<Thread> =>
    send(api.POST('/api/conversations', { body: { ...subject, body } })),
};
