// Search on a large catalog (src/modules/catalog/repository.ts, docs/decisions/013): products
// whose title is the query come first, found without reading every full-text match; the ranked
// candidates are the best-selling matches, read in index order (sold_count, then id for ties).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index products_title_lower_idx on products (lower(title)) where status = 'active';
    drop index products_sold_idx;
    create index products_sold_idx on products (sold_count desc, id) where status = 'active';
  `.execute(db);
}
