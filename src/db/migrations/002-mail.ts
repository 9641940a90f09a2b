// The transactional outbox: a mail is a row written in the same transaction as the change that
// causes it; a job delivers it. The dev mailbox keeps what was "sent" when no SMTP_URL is set.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      user_id text references users (id) on delete set null,
      to_address text not null,
      kind text not null,
      subject text not null,
      html text not null,
      text text not null,
      created_at timestamptz not null default now(),
      claimed_until timestamptz,
      attempts integer not null default 0,
      sent_at timestamptz,
      failed_at timestamptz,
      last_error text
    );
    create index mail_outbox_pending_idx on mail_outbox (created_at) where sent_at is null and failed_at is null;
    create index mail_outbox_user_id_idx on mail_outbox (user_id);
    create index mail_outbox_to_address_idx on mail_outbox (lower(to_address));

    create table dev_mailbox (
      id uuid primary key default gen_random_uuid(),
      outbox_id uuid not null unique,
      to_address text not null,
      from_address text not null,
      subject text not null,
      html text not null,
      text text not null,
      sent_at timestamptz not null default now()
    );
    create index dev_mailbox_to_address_idx on dev_mailbox (lower(to_address));
  `.execute(db);
}
