// The catalogue's version (issue 18, decision 056): sixteen counters whose sum changes whenever a
// transaction that changed a row any cached catalogue response reads commits. The web process keeps
// public catalogue responses and serves one again only while the sum it read before computing it is
// still the sum (src/modules/catalog/cache.ts).
//
// The tables: everything catalog_cards, catalog_listing, catalog_product_page_text,
// catalog_store_facts, the searches (search.ts: matching, typo correction, the vocabulary and
// synonyms) and the suggestions read. Ratings, orders counts, stock and offers are columns of
// products and stores, kept there by the code and triggers that change them.
//
// The counter is added to at commit (a deferred constraint trigger, once per transaction, on
// slot txid % 16): a transaction holds its slot's row lock only while it commits, after every
// other lock it takes, so writers never deadlock on it and concurrent checkouts on different slots
// never wait for each other. A constraint trigger is per row: a flag local to the transaction makes
// every row after the first cost a function call and nothing more.
import { sql, type Kysely } from 'kysely';

/** Every table whose rows a cached catalogue response reads. */
export const CATALOG_VERSIONED_TABLES = [
  'products',
  'stores',
  'categories',
  'shipping_profiles',
  'shipping_rates',
  'product_variants',
  'search_words',
  'search_synonyms',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table catalog_version (
      slot smallint primary key check (slot between 0 and 15),
      n bigint not null default 0
    );
    insert into catalog_version (slot, n) select s, 0 from generate_series(0, 15) s;

    -- Once per transaction, at its commit.
    create function catalog_version_bump() returns trigger language plpgsql as $$
    begin
      if current_setting('souk.catalog_changed', true) is distinct from 'on' then
        perform set_config('souk.catalog_changed', 'on', true);
        update catalog_version set n = n + 1 where slot = (txid_current() % 16)::smallint;
      end if;
      return null;
    end
    $$;
  `.execute(db);
  for (const table of CATALOG_VERSIONED_TABLES) {
    await sql`
      create constraint trigger ${sql.raw(`${table}_catalog_version`)}
        after insert or update or delete on ${sql.table(table)}
        deferrable initially deferred
        for each row execute function catalog_version_bump();
      -- A truncate has no rows to defer: it adds to the counter at once (it locks the table anyway).
      create trigger ${sql.raw(`${table}_catalog_version_truncate`)}
        after truncate on ${sql.table(table)}
        for each statement execute function catalog_version_bump();
    `.execute(db);
  }
}
