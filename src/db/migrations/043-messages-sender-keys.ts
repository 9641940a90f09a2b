// The sender index holds the message's whole key (decision 051): the ownership record reads a
// person's messages in (conversation_id, id) order, each chunk an index range that starts after the
// last key recorded, and reads them from the index alone; the tombstones' batches take their rows
// from it too. Before, each chunk read all the person's rows of its partition again and sorted them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index messages_sender_keys_idx on messages (sender_user_id, conversation_id, id) where sender_user_id is not null;
    drop index messages_sender_idx;
    alter index messages_sender_keys_idx rename to messages_sender_idx;
  `.execute(db);
}
