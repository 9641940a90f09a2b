// What buyer and store wrote each other about one order, for Souk support deciding a dispute on it
// (issue 19). Staff read it; they are no party to the conversation, so nothing is marked read.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export type OrderMessage = { side: 'buyer' | 'store'; body: string | null; at: string };

/** The messages of the conversations about `orderId`, oldest first (at most `limit`, the newest). */
export async function messagesAboutOrder(db: Kysely<DB>, orderId: string, limit = 200): Promise<OrderMessage[]> {
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['m.sender_side', 'm.body', 'm.created_at'])
    .where('c.order_id', '=', orderId)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({ side: r.sender_side, body: r.body, at: new Date(r.created_at).toISOString() }));
}
