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
    -- A request whose record of messages is not complete resumes it after its last key, in the old
    -- order; in the new one that would skip keys. Its messages are not erased yet (their erasure
    -- waits for their record): it records them again from the start.
    delete from erasure_owned_rows o using deletion_requests r
    where o.request_id = r.id and o.table_name = 'messages'
      and r.erasure is not null and not coalesce((r.erasure->>'recorded')::boolean, false);
  `.execute(db);
}
