// An order keeps the conversion its buyer saw at checkout (issue 20, decision 060): the currency
// prices were shown in, the rate set used, both currencies' exact rates in that set (against its
// base), the set's day, and the order's total converted to the display currency's minor units. The
// charge stays in the seller's currency (total_minor, currency); these are its accounting record of
// what the buyer was shown. All null when nothing was converted (the buyer saw the seller's currency).
// Nothing personal: the orders' erasure policy anonymises the buyer link and address, and keeps these.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Earlier migrations of the same run may have queued deferred events on orders, and a table with
  // pending trigger events cannot be altered: they fire now, and with each statement for the rest of
  // the migrations' transaction.
  await sql`set constraints all immediate`.execute(db);
  await sql`
    alter table orders
      add column display_currency text check (display_currency ~ '^[A-Z]{3}$'),
      add column rate_set_id uuid references exchange_rate_sets (id),
      add column rate_from numeric(24, 12) check (rate_from > 0),
      add column rate_to numeric(24, 12) check (rate_to > 0),
      add column rates_as_of date,
      add column display_total_minor bigint check (display_total_minor >= 0),
      add constraint orders_conversion_whole check (
        (display_currency is null and rate_set_id is null and rate_from is null and rate_to is null
          and rates_as_of is null and display_total_minor is null)
        or (display_currency is not null and rate_set_id is not null and rate_from is not null and rate_to is not null
          and rates_as_of is not null and display_total_minor is not null));
    create index orders_rate_set on orders (rate_set_id) where rate_set_id is not null;
  `.execute(db);
}
