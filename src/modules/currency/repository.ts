// The currency module's tables: exchange_rate_sets and exchange_rates (migration 052). Rates are
// read as text: numeric arrives as a float otherwise (src/db/database.ts), and a rate is exact.
import { sql, type Kysely } from 'kysely';
import type { DB, RateSource } from '../../db/types.ts';

export type RateSetRow = {
  id: string;
  base: string;
  as_of: string;
  source: RateSource;
  recorded_at: Date;
  rates: Array<{ currency: string; rate: string }>;
};

const rateSetColumns = sql<RateSetRow>`
  s.id, s.base, s.as_of::text as as_of, s.source, s.recorded_at,
  coalesce((select json_agg(json_build_object('currency', r.currency, 'rate', r.rate::text) order by r.currency)
            from exchange_rates r where r.set_id = s.id), '[]'::json) as rates`;

/** The newest recorded set with its rates, or undefined before any. */
export async function findNewestRateSet(db: Kysely<DB>): Promise<RateSetRow | undefined> {
  const { rows } = await sql<RateSetRow>`
    select ${rateSetColumns} from exchange_rate_sets s order by s.recorded_at desc, s.id desc limit 1`.execute(db);
  return rows[0];
}

/** The newest set's id: what a process checks before it reads the whole set again. */
export async function findNewestRateSetId(db: Kysely<DB>): Promise<string | undefined> {
  const row = await db
    .selectFrom('exchange_rate_sets')
    .select('id')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function findRateSet(db: Kysely<DB>, id: string): Promise<RateSetRow | undefined> {
  const { rows } = await sql<RateSetRow>`select ${rateSetColumns} from exchange_rate_sets s where s.id = ${id}`.execute(
    db,
  );
  return rows[0];
}

/** The newest sets without their rates, newest first. */
export async function listRateSets(db: Kysely<DB>, limit: number) {
  return db
    .selectFrom('exchange_rate_sets')
    .select(['id', 'base', sql<string>`as_of::text`.as('as_of'), 'source', 'recorded_at'])
    .select((eb) =>
      eb
        .selectFrom('exchange_rates')
        .whereRef('exchange_rates.set_id', '=', 'exchange_rate_sets.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('currencies'),
    )
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertRateSet(
  db: Kysely<DB>,
  set: { base: string; asOf: string; source: RateSource; rates: Array<{ currency: string; rate: string }> },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('exchange_rate_sets')
      .values({ base: set.base, as_of: set.asOf, source: set.source })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('exchange_rates')
      .values(set.rates.map((r) => ({ set_id: id, currency: r.currency, rate: r.rate })))
      .execute();
    return id;
  });
}
