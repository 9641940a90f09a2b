// Conversations between buyers and stores. Buyers: /api/conversations (start from a product or one
// of their orders, list, read, reply). Stores: /api/seller/conversations (list, read, reply), behind
// the seller center's hooks. A conversation the caller is not part of answers 404.
import { AppError } from '../../errors.ts';
import { errorResponses, type FromSchema, type RouteApp } from '../../schemas.ts';
import { requireUser } from '../auth/index.ts';
import { sellerAuth } from '../catalog/index.ts';
import { listConversations, loadThread, markRead, unreadCounts, type Viewer } from './repository.ts';
import { RATE_LIMITS, reply, startConversation } from './service.ts';
import {
  ConversationIdParams,
  ConversationListSchema,
  MESSAGE_MAX_LENGTH,
  ListQuerySchema,
  MessageSchema,
  ReplySchema,
  StartConversationSchema,
  ThreadQuerySchema,
  ThreadSchema,
  UnreadSchema,
} from './schemas.ts';

const THREAD_PAGE = 50;

export async function messageRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  const { db, rateLimiter } = ctx;

  /** The thread, marked read when the viewer sees its newest page. */
  async function readThread(viewer: Viewer, id: string, query: FromSchema<typeof ThreadQuerySchema>) {
    const thread = await loadThread(db, viewer, id, { before: query.before, limit: query.limit ?? THREAD_PAGE });
    if (!thread) throw new AppError('NOT_FOUND');
    if (query.before === undefined && thread.conversation.unread > 0) {
      await markRead(db, viewer, id);
      thread.conversation.unread = 0;
    }
    return thread;
  }

  async function send(viewer: Viewer, userId: string, id: string, body: string) {
    await rateLimiter.consume(`messages-send:user:${userId}`, RATE_LIMITS.send);
    return reply(ctx, viewer, userId, id, body);
  }

  // Buyers

  app.get(
    '/api/conversations/unread-count',
    {
      onRequest: requireUser,
      schema: {
        tags: ['messages'],
        summary: 'Unread messages, for the header and navigation: as a buyer, and to your store.',
        response: { 200: UnreadSchema, ...errorResponses },
      },
    },
    (request) => unreadCounts(db, request.user.id),
  );

  app.get(
    '/api/conversations',
    {
      onRequest: requireUser,
      schema: {
        tags: ['messages'],
        summary: 'Your conversations with sellers, the most recent first, with unread counts and the last message.',
        querystring: ListQuerySchema,
        response: { 200: ConversationListSchema, ...errorResponses },
      },
    },
    (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      return listConversations(db, { side: 'buyer', userId: request.user.id }, { page, pageSize });
    },
  );

  app.post(
    '/api/conversations',
    {
      onRequest: requireUser,
      schema: {
        tags: ['messages'],
        summary: 'Message the seller of a product or of one of your orders.',
        description:
          'Give productId, orderId or storeId (the store itself, from its page). The conversation you already have with that store about the same product, order or the store is continued. ' +
          `The message is plain text (at most ${MESSAGE_MAX_LENGTH.toLocaleString('en-US')} characters). ` +
          'The seller is told by mail unless they turned "Messages" mails off, ' +
          'at most once per conversation every 15 minutes; the mail does not contain the text.',
        body: StartConversationSchema,
        response: { 201: ThreadSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { productId, orderId, storeId, body } = request.body;
      if ([productId, orderId, storeId].filter((id) => id !== undefined).length !== 1) {
        throw new AppError('VALIDATION_FAILED', {
          details: [
            {
              field: 'productId',
              message: 'give one of a product (productId), one of your orders (orderId) or a store (storeId)',
            },
          ],
        });
      }
      const userId = request.user.id;
      await rateLimiter.consume(`messages-start:user:${userId}`, RATE_LIMITS.start);
      await rateLimiter.consume(`messages-send:user:${userId}`, RATE_LIMITS.send);
      const subject =
        productId !== undefined
          ? { kind: 'product' as const, productId }
          : orderId !== undefined
            ? { kind: 'order' as const, orderId }
            : { kind: 'store' as const, storeId: storeId! };
      const id = await startConversation(ctx, userId, subject, body);
      reply.code(201);
      return readThread({ side: 'buyer', userId }, id, {});
    },
  );

  app.get(
    '/api/conversations/:id/messages',
    {
      onRequest: requireUser,
      schema: {
        tags: ['messages'],
        summary:
          'One of your conversations: the newest messages (or those before `before`), oldest first. Reading the newest marks it read.',
        params: ConversationIdParams,
        querystring: ThreadQuerySchema,
        response: { 200: ThreadSchema, ...errorResponses },
      },
    },
    (request) => readThread({ side: 'buyer', userId: request.user.id }, request.params.id, request.query),
  );

  app.post(
    '/api/conversations/:id/messages',
    {
      onRequest: requireUser,
      schema: {
        tags: ['messages'],
        summary: 'Reply in one of your conversations.',
        params: ConversationIdParams,
        body: ReplySchema,
        response: { 201: MessageSchema, ...errorResponses },
      },
    },
    async (request, res) => {
      const message = await send(
        { side: 'buyer', userId: request.user.id },
        request.user.id,
        request.params.id,
        request.body.body,
      );
      res.code(201);
      return message;
    },
  );

  // The store's side, in the seller center

  app.get(
    '/api/seller/conversations',
    {
      ...sellerAuth,
      schema: {
        tags: ['seller'],
        summary: "Your store's conversations with buyers, the most recent first.",
        querystring: ListQuerySchema,
        response: { 200: ConversationListSchema, ...errorResponses },
      },
    },
    (request) => {
      const { page = 1, pageSize = 20 } = request.query;
      return listConversations(db, { side: 'store', storeId: request.sellerStore.id }, { page, pageSize });
    },
  );

  app.get(
    '/api/seller/conversations/:id/messages',
    {
      ...sellerAuth,
      schema: {
        tags: ['seller'],
        summary: "One of your store's conversations, oldest first; reading the newest marks it read.",
        params: ConversationIdParams,
        querystring: ThreadQuerySchema,
        response: { 200: ThreadSchema, ...errorResponses },
      },
    },
    (request) => readThread({ side: 'store', storeId: request.sellerStore.id }, request.params.id, request.query),
  );

  app.post(
    '/api/seller/conversations/:id/messages',
    {
      ...sellerAuth,
      schema: {
        tags: ['seller'],
        summary: 'Answer a buyer as your store.',
        params: ConversationIdParams,
        body: ReplySchema,
        response: { 201: MessageSchema, ...errorResponses },
      },
    },
    async (request, res) => {
      const message = await send(
        { side: 'store', storeId: request.sellerStore.id },
        request.user.id,
        request.params.id,
        request.body.body,
      );
      res.code(201);
      return message;
    },
  );
}
