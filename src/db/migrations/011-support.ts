// Customer support: tickets opened by signed-in people, answered by staff from /admin.
// (Numbers 007, 009 and 010 are left to the search, messages and posts work.)
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table support_tickets (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      requester_user_id text not null references users (id) on delete cascade,
      category text not null check (category in ('order_problem', 'seller_problem', 'account', 'other')),
      order_id uuid references orders (id) on delete set null,
      subject text not null check (char_length(subject) between 1 and 120),
      status text not null default 'open' check (status in ('open', 'waiting_for_customer', 'resolved')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      resolved_at timestamptz
    );
    create index support_tickets_requester_idx on support_tickets (requester_user_id, updated_at desc);
    create index support_tickets_status_idx on support_tickets (status, updated_at desc);
    create table support_messages (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references support_tickets (id) on delete cascade,
      author_user_id text references users (id) on delete set null,
      from_staff boolean not null,
      body text not null check (char_length(body) between 1 and 5000),
      created_at timestamptz not null default now()
    );
    create index support_messages_ticket_idx on support_messages (ticket_id, created_at);
    create index support_messages_author_idx on support_messages (author_user_id) where author_user_id is not null;
  `.execute(db);
}
