// What happens to messages when an account is erased (decision 015). The person's messages are
// deleted: their text and sender go, and an empty tombstone row keeps its place in the other side's
// thread, which shows "A message from a deleted account was removed" there. A conversation that
// has no text left (nobody else wrote in it) is deleted with its tombstones.
import { sql, type Kysely } from 'kysely';
import type { ErasurePolicy } from '../../db/erasure.ts';
import type { DB } from '../../db/types.ts';

export const messagesErasure: ErasurePolicy[] = [
  {
    table: 'messages',
    action: 'anonymise',
    match: [
      { column: 'sender_user_id', equals: 'user_id' },
      {
        custom: 'then conversations left without any text (only tombstones) are deleted with them',
        erase: async ({ trx }) => Number((await sql`
          delete from conversations c
          where exists (select 1 from messages m where m.conversation_id = c.id)
            and not exists (select 1 from messages m where m.conversation_id = c.id and m.body is not null)`.execute(trx)).numAffectedRows ?? 0),
      },
    ],
    set: { body: null, sender_user_id: null },
    reason:
      'Messages the person sent are deleted: the text and the link to the sender are removed. An empty row (conversation, ' +
      'side, time) stays as a tombstone so the other side sees "A message from a deleted account was removed" in its place; ' +
      'eraseMessagesOf() also deletes conversations left without any text.',
  },
  {
    table: 'conversations',
    action: 'anonymise',
    match: [{ column: 'buyer_user_id', equals: 'user_id' }],
    set: { buyer_user_id: null, buyer_notified_at: null },
    reason:
      "The link to the buyer goes; the store's side keeps the conversation, holding the store's own messages and the " +
      "tombstones of the buyer's. The store's side of a seller's conversations goes with the store (anonymised as \"Closed store\").",
  },
];

export type MessageErasure = { messagesRemoved: number; conversationsDeleted: number; conversationsAnonymised: number };

/**
 * Erases one person's messages, in batches of `batchSize` rows per transaction so a large account
 * never holds locks (or, on PGlite, the whole process) for long. Idempotent and resumable: each
 * batch tombstones messages and deletes the conversations it left without text in one transaction,
 * so a run killed at any point and started again ends with the same result.
 */
export async function eraseMessagesOf(db: Kysely<DB>, userId: string, options: { batchSize?: number } = {}): Promise<MessageErasure> {
  const batchSize = options.batchSize ?? 2000;
  const result: MessageErasure = { messagesRemoved: 0, conversationsDeleted: 0, conversationsAnonymised: 0 };
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const removed = await sql<{ conversation_id: string }>`
        update messages set body = null, sender_user_id = null
        where id in (select id from messages where sender_user_id = ${userId} limit ${batchSize})
        returning conversation_id`.execute(trx);
      if (removed.rows.length === 0) return true;
      result.messagesRemoved += removed.rows.length;
      const touched = [...new Set(removed.rows.map((r) => r.conversation_id))];
      const deleted = await sql`
        delete from conversations c
        where c.id = any(${touched}::uuid[])
          and not exists (select 1 from messages m where m.conversation_id = c.id and m.body is not null)`.execute(trx);
      result.conversationsDeleted += Number(deleted.numAffectedRows ?? 0n);
      return removed.rows.length < batchSize;
    });
    if (done) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (;;) {
    const anonymised = await sql`
      update conversations set buyer_user_id = null, buyer_notified_at = null
      where id in (select id from conversations where buyer_user_id = ${userId} limit ${batchSize})`.execute(db);
    const n = Number(anonymised.numAffectedRows ?? 0n);
    result.conversationsAnonymised += n;
    if (n < batchSize) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}
