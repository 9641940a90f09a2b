// A charge that cannot happen twice (decision 033). Every payment attempt is a `payments` row
// written before the provider is called, holding the idempotency key the provider gets; it stays
// 'pending' until its outcome is recorded. An attempt whose answer never came (the process died,
// the call failed mid-way) keeps its key: no other attempt of the checkout starts until it is
// settled by asking the provider about that key (the buyer's next try, or the reconciliation job).
// - payments.idempotency_key, attempt: the key sent to the provider and the attempt's number.
// - payments.settled_at, settled_by: when the outcome was recorded, and by whom: the request that
//   charged ('charge'), a later request that asked the provider ('retry'), or the job ('reconciler').
//   Null on rows recorded before this migration (their outcome came with the row).
// - at most one pending attempt per checkout (a unique partial index): the guard under every race.
// - pending_charge_tokens: the card token of a pending attempt, needed to ask the provider about
//   the very request it was sent; deleted when the attempt is settled (erasure policy:
//   src/modules/payments/erasure.ts).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payments
      add column idempotency_key text unique,
      add column attempt integer check (attempt >= 1),
      add column settled_at timestamptz,
      add column settled_by text check (settled_by in ('charge', 'retry', 'reconciler'));
    alter table payments drop constraint payments_status_check;
    alter table payments add constraint payments_status_check
      check (status in ('pending', 'succeeded', 'declined', 'retry', 'refunded'));
    alter table payments add constraint payments_pending_keyed
      check (status <> 'pending' or (idempotency_key is not null and attempt is not null));
    create unique index payments_one_pending_idx on payments (checkout_id) where status = 'pending';

    create table pending_charge_tokens (
      payment_id uuid primary key references payments (id) on delete cascade,
      provider_token text not null
    );
  `.execute(db);
}
