// Mail is claimed most urgent first (decision 032): each outbox row carries the priority of its
// kind (0 account security, 1 other notifications and receipts, 2 offers), written at enqueue, and
// the pending rows are indexed in the order they are claimed, so a password-reset link queued
// behind a thousand order mails is the next one taken. The old index of pending rows by age
// served only the sweep, which now claims in this order too.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table mail_outbox add column priority smallint not null default 1 check (priority between 0 and 2);
    update mail_outbox set priority = case kind when 'account_security' then 0 when 'offers' then 2 else 1 end
      where sent_at is null and failed_at is null;
    create index mail_outbox_due_idx on mail_outbox (priority, created_at) where sent_at is null and failed_at is null;
    drop index mail_outbox_pending_idx;
  `.execute(db);
}
