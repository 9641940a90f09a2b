// A person's messages in conversation order (decision 022): the erasure turns them into tombstones
// in batches taken from this index, so each batch covers a few whole conversations instead of a
// few messages of every conversation, and the check for conversations left without text after a
// batch looks at those few.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index messages_sender_idx;
    create index messages_sender_idx on messages (sender_user_id, conversation_id) where sender_user_id is not null;
  `.execute(db);
}
