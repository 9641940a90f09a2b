// Reading conversations. Every read is scoped to the viewer (a buyer's account or a store), so a
// conversation someone is not part of is never found: the routes answer 404, as for one that does
// not exist. Each list page and each thread page is one call of a database function
// (src/db/migrations/021-messages-reads.ts), whose plans the database keeps per connection.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { preparedStatement } from '../../db/prepared.ts';
import type { DB, MessageSide } from '../../db/types.ts';
import { storeIdsOwnedBy } from '../catalog/index.ts';

export type Viewer = { side: 'buyer'; userId: string } | { side: 'store'; storeId: string };

type SummaryRow = {
  id: string;
  store_id: string;
  store_name: string;
  store_open: boolean;
  buyer_user_id: string | null;
  buyer_name: string | null;
  product_id: string | null;
  product_title: string | null;
  order_id: string | null;
  order_number: string | null;
  last_message_at: Date | string;
  unread: number;
  last_body: string | null;
  last_side: MessageSide | null;
  last_created_at: Date | string | null;
};

type JsonMessage = { id: string; sender_side: MessageSide; body: string | null; created_at: string };

const iso = (value: Date | string) => new Date(value).toISOString();
/** A json value as the driver returns it: parsed by pg, and by PGlite (text in some modes). */
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const viewerId = (viewer: Viewer) => (viewer.side === 'buyer' ? viewer.userId : viewer.storeId);
const unreadColumn = (viewer: Viewer) => sql.ref(viewer.side === 'buyer' ? 'buyer_unread_count' : 'store_unread_count');

export function conversationView(row: SummaryRow, viewer: Viewer) {
  const buyerName = row.buyer_user_id === null ? null : row.buyer_name;
  return {
    id: row.id,
    store: { id: row.store_id, name: row.store_name },
    buyer: { name: buyerName },
    withName: viewer.side === 'buyer' ? row.store_name : (buyerName ?? 'Deleted account'),
    product:
      row.product_id !== null && row.product_title !== null ? { id: row.product_id, title: row.product_title } : null,
    order: row.order_id !== null && row.order_number !== null ? { id: row.order_id, number: row.order_number } : null,
    unread: Number(row.unread),
    lastMessage:
      row.last_created_at === null
        ? null
        : {
            body: row.last_body,
            removed: row.last_body === null,
            fromMe: row.last_side === viewer.side,
            createdAt: iso(row.last_created_at),
          },
    lastMessageAt: iso(row.last_message_at),
    canReply: viewer.side === 'buyer' ? row.store_open : row.buyer_user_id !== null,
  };
}

export type ConversationView = ReturnType<typeof conversationView>;

const LIST = preparedStatement(
  'messages_conversation_list',
  'select messages_conversation_list($1, $2, $3, $4) as page',
);

export async function listConversations(db: Kysely<DB>, viewer: Viewer, page: { page: number; pageSize: number }) {
  type Page = { total: number; unread: number; items: SummaryRow[] };
  const { rows } = await db.executeQuery<{ page: Page | string }>(
    CompiledQuery.raw(LIST, [viewer.side, viewerId(viewer), page.pageSize, (page.page - 1) * page.pageSize]),
  );
  const found = json<Page>(rows[0]!.page);
  return {
    items: found.items.map((r) => conversationView(r, viewer)),
    total: Number(found.total),
    unread: Number(found.unread),
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** Unread messages for the header and navigation: as a buyer, and to the store the person owns. */
export async function unreadCounts(db: Kysely<DB>, userId: string): Promise<{ buyer: number; store: number }> {
  const result = await sql<{ buyer: string | number; store: string | number }>`
    select
      (select coalesce(sum(buyer_unread_count), 0) from conversations where buyer_user_id = ${userId} and buyer_unread_count > 0) as buyer,
      (select coalesce(sum(c.store_unread_count), 0) from conversations c
        where c.store_id in ${storeIdsOwnedBy(userId)} and c.store_unread_count > 0) as store`.execute(db);
  const row = result.rows[0]!;
  return { buyer: Number(row.buyer), store: Number(row.store) };
}

export type Thread = {
  conversation: ConversationView;
  messages: Array<{
    id: string;
    side: MessageSide;
    fromMe: boolean;
    body: string | null;
    removed: boolean;
    createdAt: string;
  }>;
  hasEarlier: boolean;
};

const THREAD = preparedStatement('messages_thread', 'select messages_thread($1, $2, $3, $4, $5) as thread');

/**
 * A conversation the viewer is part of, with one page of messages (the newest `limit`, or those
 * before the message `before`), oldest first; undefined when the viewer is not part of it.
 */
export async function loadThread(
  db: Kysely<DB>,
  viewer: Viewer,
  id: string,
  page: { before?: string | undefined; limit: number },
): Promise<Thread | undefined> {
  type Found = { conversation: SummaryRow; messages: JsonMessage[] };
  const { rows } = await db.executeQuery<{ thread: Found | string | null }>(
    CompiledQuery.raw(THREAD, [viewer.side, viewerId(viewer), id, page.before ?? null, page.limit]),
  );
  const raw = rows[0]?.thread;
  if (raw === null || raw === undefined) return undefined;
  const found = json<Found>(raw);
  // Newest first from the database, one more than the page when there are earlier ones.
  const hasEarlier = found.messages.length > page.limit;
  const newest = hasEarlier ? found.messages.slice(0, page.limit) : found.messages;
  return {
    conversation: conversationView(found.conversation, viewer),
    messages: newest.reverse().map((m) => ({
      id: m.id,
      side: m.sender_side,
      fromMe: m.sender_side === viewer.side,
      body: m.body,
      removed: m.body === null,
      createdAt: iso(m.created_at),
    })),
    hasEarlier,
  };
}

/** The viewer has read the conversation: its unread count on their side goes to zero. */
export async function markRead(db: Kysely<DB>, viewer: Viewer, id: string): Promise<void> {
  const unread = unreadColumn(viewer);
  const scope = viewer.side === 'buyer' ? sql`c.buyer_user_id = ${viewer.userId}` : sql`c.store_id = ${viewer.storeId}`;
  await sql`update conversations c set ${unread} = 0 where c.id = ${id} and ${scope} and c.${unread} > 0`.execute(db);
}
