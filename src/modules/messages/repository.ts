// Reading conversations. Every query is scoped to the viewer (a buyer's account or a store), so a
// conversation someone is not part of is never found: the routes answer 404, as for one that does
// not exist. Each list page and each thread page is one query.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, MessageSide } from '../../db/types.ts';

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

const PREVIEW_CHARS = 160;
const iso = (value: Date | string) => new Date(value).toISOString();

/** Only the viewer's conversations: the buyer's own, or the store's. */
function scope(viewer: Viewer, alias: 'c' | 'x'): RawBuilder<unknown> {
  const table = sql.ref(alias);
  return viewer.side === 'buyer' ? sql`${table}.buyer_user_id = ${viewer.userId}` : sql`${table}.store_id = ${viewer.storeId}`;
}

const unreadColumn = (viewer: Viewer) => sql.ref(viewer.side === 'buyer' ? 'buyer_unread_count' : 'store_unread_count');

// Scalar subqueries by primary key rather than joins: the same index lookups, but far less
// planning, which is most of a short query's cost on PGlite (bench/messages.ts).
function summarySelect(viewer: Viewer) {
  const buyerName = viewer.side === 'store' ? sql`(select u.display_name from users u where u.id = c.buyer_user_id)` : sql`null::text`;
  return sql`
    c.id, c.store_id, s.name as store_name, s.owner_user_id is not null as store_open,
    c.buyer_user_id, ${buyerName} as buyer_name,
    c.product_id, (select p.title from products p where p.id = c.product_id) as product_title,
    c.order_id, (select o.number from orders o where o.id = c.order_id) as order_number,
    c.last_message_at, c.${unreadColumn(viewer)} as unread,
    m.body_preview as last_body, m.sender_side as last_side, m.created_at as last_created_at`;
}

const summaryJoins = sql`
  join stores s on s.id = c.store_id
  left join lateral (select left(x.body, ${PREVIEW_CHARS}) as body_preview, x.sender_side, x.created_at from messages x where x.id = c.last_message_id) m on true`;

export function conversationView(row: SummaryRow, viewer: Viewer) {
  const buyerName = row.buyer_user_id === null ? null : row.buyer_name;
  return {
    id: row.id,
    store: { id: row.store_id, name: row.store_name },
    buyer: { name: buyerName },
    withName: viewer.side === 'buyer' ? row.store_name : (buyerName ?? 'Deleted account'),
    product: row.product_id !== null && row.product_title !== null ? { id: row.product_id, title: row.product_title } : null,
    order: row.order_id !== null && row.order_number !== null ? { id: row.order_id, number: row.order_number } : null,
    unread: Number(row.unread),
    lastMessage: row.last_created_at === null ? null : {
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

export async function listConversations(db: Kysely<DB>, viewer: Viewer, page: { page: number; pageSize: number }) {
  const unread = unreadColumn(viewer);
  const result = await sql<SummaryRow & { total: string | number; unread_total: string | number }>`
    select ${summarySelect(viewer)},
      (select count(*) from conversations x where ${scope(viewer, 'x')}) as total,
      (select coalesce(sum(x.${unread}), 0) from conversations x where ${scope(viewer, 'x')} and x.${unread} > 0) as unread_total
    from conversations c ${summaryJoins}
    where ${scope(viewer, 'c')}
    order by c.last_message_at desc, c.id desc
    limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`.execute(db);
  const first = result.rows[0];
  // An empty page still needs the totals (a page past the end, or no conversations at all).
  const totals = first ?? (await unreadTotals(db, viewer));
  return {
    items: result.rows.map((r) => conversationView(r, viewer)),
    total: Number(totals.total),
    unread: Number(totals.unread_total),
    page: page.page,
    pageSize: page.pageSize,
  };
}

async function unreadTotals(db: Kysely<DB>, viewer: Viewer) {
  const unread = unreadColumn(viewer);
  const result = await sql<{ total: string | number; unread_total: string | number }>`
    select (select count(*) from conversations x where ${scope(viewer, 'x')}) as total,
      (select coalesce(sum(x.${unread}), 0) from conversations x where ${scope(viewer, 'x')} and x.${unread} > 0) as unread_total`.execute(db);
  return result.rows[0]!;
}

/** Unread messages for the header and navigation: as a buyer, and to the store the person owns. */
export async function unreadCounts(db: Kysely<DB>, userId: string): Promise<{ buyer: number; store: number }> {
  const result = await sql<{ buyer: string | number; store: string | number }>`
    select
      (select coalesce(sum(buyer_unread_count), 0) from conversations where buyer_user_id = ${userId} and buyer_unread_count > 0) as buyer,
      (select coalesce(sum(c.store_unread_count), 0) from conversations c join stores s on s.id = c.store_id
        where s.owner_user_id = ${userId} and c.store_unread_count > 0) as store`.execute(db);
  const row = result.rows[0]!;
  return { buyer: Number(row.buyer), store: Number(row.store) };
}

export type Thread = {
  conversation: ConversationView;
  messages: Array<{ id: string; side: MessageSide; fromMe: boolean; body: string | null; removed: boolean; createdAt: string }>;
  hasEarlier: boolean;
};

/**
 * A conversation the viewer is part of, with one page of messages (the newest `limit`, or those
 * before the message `before`), oldest first; undefined when the viewer is not part of it.
 */
export async function loadThread(db: Kysely<DB>, viewer: Viewer, id: string, page: { before?: string | undefined; limit: number }): Promise<Thread | undefined> {
  const before = page.before === undefined ? sql`true`
    : sql`(created_at, id) < (select b.created_at, b.id from messages b where b.id = ${page.before} and b.conversation_id = c.id)`;
  const result = await sql<SummaryRow & { messages: JsonMessage[] | string }>`
    select ${summarySelect(viewer)},
      (select coalesce(json_agg(x order by x.created_at, x.id), '[]'::json) from (
        select id, sender_side, body, created_at from messages
        where conversation_id = c.id and ${before}
        order by created_at desc, id desc limit ${page.limit + 1}) x) as messages
    from conversations c ${summaryJoins}
    where c.id = ${id} and ${scope(viewer, 'c')}`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  const all = typeof row.messages === 'string' ? (JSON.parse(row.messages) as JsonMessage[]) : row.messages;
  const hasEarlier = all.length > page.limit;
  const messages = hasEarlier ? all.slice(all.length - page.limit) : all;
  return {
    conversation: conversationView(row, viewer),
    messages: messages.map((m) => ({
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
  await sql`update conversations c set ${unread} = 0 where c.id = ${id} and ${scope(viewer, 'c')} and c.${unread} > 0`.execute(db);
}
