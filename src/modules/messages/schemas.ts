// Request and response schemas of conversations and messages (also the OpenAPI documentation).
import { MESSAGE_SIDES } from '../../db/types.ts';
import { nullable, obj, UuidSchema as Uuid, DateTimeSchema, PageQuery, TextSchema } from '../../schemas.ts';

export const MESSAGE_MAX_LENGTH = 2000;
/** What a removed message shows instead of its text (the web app words it the same). */
export const REMOVED_MESSAGE_TEXT = 'A message from a deleted account was removed';

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const side = { type: 'string', enum: MESSAGE_SIDES } as const;

/** Plain text, at least one visible character; rendered as text, never as HTML. */
export const MessageBodySchema = TextSchema(MESSAGE_MAX_LENGTH);

export const ConversationIdParams = obj({ id: Uuid });

export const ListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: PageQuery(50),
} as const;

export const ThreadQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    before: {
      ...Uuid,
      description: 'A message id: return the messages written before it (the "earlier messages" page).',
    },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;

const MessagePreviewSchema = obj({
  body: { ...nullableStr, description: 'null when the message was removed (its author deleted their account)' },
  removed: { type: 'boolean' },
  fromMe: { type: 'boolean' },
  createdAt: DateTimeSchema,
});

export const ConversationSchema = obj({
  id: str,
  store: obj({ id: str, name: str }),
  buyer: {
    ...obj({ name: nullableStr }),
    description:
      "the buyer's display name, shown to the store (null in the buyer's own view, and once their account was deleted)",
  },
  withName: { ...str, description: "the other side's name as the caller sees it" },
  product: nullable(obj({ id: str, title: str })),
  order: nullable(obj({ id: str, number: str })),
  unread: { type: 'integer' },
  lastMessage: nullable(MessagePreviewSchema),
  lastMessageAt: DateTimeSchema,
  canReply: { type: 'boolean', description: 'false once the other side deleted their account' },
});

export const ConversationListSchema = obj({
  items: { type: 'array', items: ConversationSchema },
  total: { type: 'integer' },
  unread: { type: 'integer', description: "unread messages over all of the caller's conversations on this side" },
  page: { type: 'integer' },
  pageSize: { type: 'integer' },
});

export const MessageSchema = obj({
  id: str,
  side,
  fromMe: { type: 'boolean' },
  body: { ...nullableStr, description: 'null when removed' },
  removed: { type: 'boolean' },
  createdAt: DateTimeSchema,
});

export const ThreadSchema = obj({
  conversation: ConversationSchema,
  messages: { type: 'array', items: MessageSchema, description: 'oldest first' },
  hasEarlier: { type: 'boolean', description: 'older messages exist: ask again with before = the first message id' },
});

export const UnreadSchema = obj({
  buyer: { type: 'integer', description: 'unread messages in conversations you started as a buyer' },
  store: { type: 'integer', description: 'unread messages to your store (0 without one)' },
});

/** Exactly one of productId and orderId (checked by the route, which names the field). */
export const StartConversationSchema = obj({ productId: Uuid, orderId: Uuid, storeId: Uuid, body: MessageBodySchema }, [
  'body',
]);

export const ReplySchema = obj({ body: MessageBodySchema });
