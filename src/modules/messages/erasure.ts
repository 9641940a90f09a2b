// What happens to messages when an account is erased (decision 015). The person's messages are
// deleted: their text and sender go, and an empty tombstone row keeps its place in the other side's
// thread, which shows "A message from a deleted account was removed" there. A conversation that
// has no text left (nobody else wrote in it) is deleted with its tombstones.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import { partitionsOf } from '../../db/partitions.ts';
import type { DB } from '../../db/types.ts';
import { nameOfStore } from '../catalog/index.ts';

/**
 * Turns up to `limit` of the person's messages in one partition into tombstones, and deletes the
 * conversations that leaves without any text. Returns how many messages it changed.
 */
async function tombstone(trx: Kysely<DB>, partition: string, userId: string, limit: number | null): Promise<number> {
  // `= any(array(…))`, not `in (…)`: for a large batch the planner hashes an `in` list and reads
  // the whole table to probe it (measured: 800,000 rows read per batch); an array is looked up
  // through the primary key, row by row. In conversation order (the sender index holds it), so
  // a batch covers a few whole conversations and the emptiness check below looks at those.
  const table = sql.table(partition);
  // Only the conversations come back, each once, with how many of its messages changed.
  const removed = await sql<{ conversation_id: string; n: number }>`
    with removed as (
      update ${table} set body = null, sender_user_id = null
      where ctid = any(array(select ctid from ${table} where sender_user_id = ${userId}
        order by conversation_id ${limit === null ? sql`` : sql`limit ${limit}`}))
      returning conversation_id
    )
    select conversation_id, count(*)::int as n from removed group by conversation_id`.execute(trx);
  const touched = removed.rows.map((r) => r.conversation_id);
  if (touched.length > 0) {
    // A conversation's messages all live in this partition (the partition key): reading it, not the
    // partitioned table, spares planning the other partitions on every batch.
    await sql`
      delete from conversations c
      where c.id = any(${touched}::uuid[])
        and not exists (select 1 from ${table} m where m.conversation_id = c.id and m.body is not null)`.execute(trx);
  }
  return removed.rows.reduce((n, r) => n + r.n, 0);
}

/** The run's partitions of messages, and the index of the first that may still hold the person's messages. */
const MEMO = 'messages:partitions';
type Progress = { partitions: string[]; first: number };

export const messagesErasure: ErasurePolicy[] = [
  {
    table: 'messages',
    action: 'anonymise',
    // tombstone() deletes the conversations it leaves with no message
    alsoChanges: ['conversations'],
    // as the sender index holds them (migration 043)
    recordOrder: ['conversation_id', 'id'],
    about: { data: 'Messages between buyers and stores', keptFor: 'Until you delete your account' },
    quotes: ['body'],
    match: [
      {
        custom:
          'messages whose sender_user_id is the user become tombstones, and conversations they leave without any text are deleted with them',
        owns: ({ userId }) => sql<boolean>`sender_user_id = ${userId}`,
        erase: async ({ trx, subject, limit, memo, relationDone }) => {
          // One partition at a time (messages are partitioned by conversation, decision 029): a
          // statement on the partitioned table would plan for all of them and read each of them for
          // a batch of ids. The partitions are taken in order, each updated as a table of its own;
          // the run remembers them and the first that may still hold the person's messages, so a
          // batch neither lists them again nor looks again through those it emptied.
          const progress = (memo.get(MEMO) as Progress | undefined) ?? {
            partitions: await partitionsOf(trx, 'messages'),
            first: 0,
          };
          let touched = 0;
          for (let i = progress.first; i < progress.partitions.length && (limit === null || touched < limit); i++) {
            const wanted = limit === null ? null : limit - touched;
            const rows = await tombstone(trx, progress.partitions[i]!, subject.userId, wanted);
            touched += rows;
            if (wanted === null || rows < wanted) {
              progress.first = i + 1;
              // Its conversations and their messages all live in this partition (the partition key):
              // nothing later changes it.
              relationDone?.(progress.partitions[i]!);
            }
          }
          memo.set(MEMO, progress);
          return touched;
        },
      },
    ],
    set: { body: null, sender_user_id: null },
    reason:
      'Messages the person sent are deleted: the text and the link to the sender are removed. An empty row (conversation, ' +
      'side, time) stays as a tombstone so the other side sees "A message from a deleted account was removed" in its place; ' +
      'a conversation left without any text is deleted.',
  },
  {
    table: 'conversations',
    action: 'anonymise',
    about: { data: 'Messages between buyers and stores', keptFor: 'Until you delete your account' },
    match: [{ column: 'buyer_user_id', equals: 'user_id' }],
    set: { buyer_user_id: null, buyer_notified_at: null },
    reason:
      "The link to the buyer goes; the store's side keeps the conversation, holding the store's own messages and the " +
      "tombstones of the buyer's. The store's side of a seller's conversations goes with the store (anonymised as \"Closed store\").",
  },
];

/** Conversations as a buyer, with both sides' messages (what the person wrote and was told), for "Download your data". */
export async function exportConversationsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('conversations as c')
    .select((eb) => [
      'c.id',
      nameOfStore(eb.ref('c.store_id')).as('store_name'),
      'c.product_id',
      'c.order_id',
      'c.created_at',
      jsonArrayFrom(
        eb
          .selectFrom('messages as m')
          .select(['m.sender_side', 'm.body', 'm.created_at'])
          .whereRef('m.conversation_id', '=', 'c.id')
          .orderBy('m.created_at')
          .orderBy('m.id'),
      ).as('messages'),
    ])
    .where('c.buyer_user_id', '=', userId)
    .orderBy('c.created_at')
    .execute();
}

/** Messages the person wrote for a store (as its owner), in conversations that are the store's, for "Download your data". */
export async function exportMessagesWrittenForStoreBy(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('messages')
    .select(['conversation_id', 'body', 'created_at'])
    .where('sender_user_id', '=', userId)
    .where('sender_side', '=', 'store')
    .orderBy('created_at')
    .execute();
}

/** How many messages the person sent (on either side), which the account-deletion page says will be removed. */
export async function countMessagesSentBy(db: Kysely<DB>, userId: string): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sender_user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );
}
