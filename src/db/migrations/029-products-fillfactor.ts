// Products leave a tenth of each page free (decision 029), so that an update of columns no index
// covers (rating_sum, rating_count, stock, the offer's price) can stay on its page as a HOT update
// and write no index entry. A product has twelve indexes, two of them GIN (the search vector and
// the title's trigrams): an update that moves to another page inserts into all of them, which made
// the ratings refresh of an erasure batch the longest statement on PGlite (about 50 ms for 200
// products on a slow machine). Pages written from now on keep the space; older ones gain it as
// their rows are updated and pruned.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table products set (fillfactor = 90)`.execute(db);
}
