// Messages between a buyer and a store, optionally about a product or one of the buyer's orders.
// One conversation per buyer, store and subject (subject_key). Unread counts are counters kept per
// side on the conversation (bumped with each message, zeroed when that side reads), so the list
// and the nav badge never count messages. notified_at per side throttles mails to one per
// conversation and recipient per 15 minutes.
//
// Erasure (src/modules/messages/erasure.ts): a person's messages lose their body and sender and
// stay as tombstones (body null), so the other side's thread shows "A message from a deleted
// account was removed" in their place; a conversation left without any text is deleted.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table conversations (
      id uuid primary key default gen_random_uuid(),
      buyer_user_id text references users (id) on delete set null,
      store_id uuid not null references stores (id) on delete cascade,
      subject_key text not null check (subject_key ~ '^(store|product:[0-9a-f-]{36}|order:[0-9a-f-]{36})$'),
      product_id uuid references products (id) on delete set null,
      order_id uuid references orders (id) on delete set null,
      created_at timestamptz not null default now(),
      last_message_at timestamptz not null default now(),
      last_message_id uuid,
      buyer_unread_count integer not null default 0 check (buyer_unread_count >= 0),
      store_unread_count integer not null default 0 check (store_unread_count >= 0),
      buyer_notified_at timestamptz,
      store_notified_at timestamptz
    );
    create unique index conversations_subject_key on conversations (buyer_user_id, store_id, subject_key) where buyer_user_id is not null;
    create index conversations_buyer_idx on conversations (buyer_user_id, last_message_at desc, id desc) where buyer_user_id is not null;
    create index conversations_store_idx on conversations (store_id, last_message_at desc, id desc);
    create index conversations_buyer_unread_idx on conversations (buyer_user_id) where buyer_unread_count > 0;
    create index conversations_store_unread_idx on conversations (store_id) where store_unread_count > 0;

    create table messages (
      id uuid primary key default gen_random_uuid(),
      conversation_id uuid not null references conversations (id) on delete cascade,
      sender_side text not null check (sender_side in ('buyer', 'store')),
      sender_user_id text references users (id) on delete set null,
      -- null once the sender's account was erased: the row is a tombstone
      body text check (length(body) between 1 and 2000),
      created_at timestamptz not null default now(),
      check (body is not null or sender_user_id is null)
    );
    create index messages_conversation_idx on messages (conversation_id, created_at desc, id desc);
    create index messages_sender_idx on messages (sender_user_id) where sender_user_id is not null;

    alter table conversations add constraint conversations_last_message_fkey
      foreign key (last_message_id) references messages (id) on delete set null deferrable initially deferred;
  `.execute(db);
}
