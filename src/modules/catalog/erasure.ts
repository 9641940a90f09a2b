import { sql, type Kysely } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';
import { variantLabel } from './seller/variants.ts';

/** What a closed store's listings keep of their title: nothing the seller wrote. */
export const REMOVED_LISTING = 'Removed listing';

/** The person's store's products, as SQL. */
const ofTheirStore = (userId: string) =>
  sql<boolean>`store_id in (select id from stores where owner_user_id = ${userId})`;

export const catalogErasure: ErasurePolicy[] = [
  {
    table: 'products',
    action: 'anonymise',
    about: { data: 'Your store, its listings and their photos', keptFor: 'Until you delete your account' },
    match: [
      {
        custom:
          'products of the store the user owns: delisted, title and description replaced; words only their titles used leave the search vocabulary',
        owns: ({ userId }) => ofTheirStore(userId),
        erase: async ({ trx, subject, limit }) => {
          // A batch of listings not yet anonymised, their old titles kept for the vocabulary below.
          const { rows } = await sql<{ title: string }>`
          with batch as (
            select id, title from products
            where ${ofTheirStore(subject.userId)} and not (title = ${REMOVED_LISTING} and description = '' and status = 'delisted')
            ${limit === null ? sql`` : sql`limit ${limit}`}
            for update
          )
          update products p set title = ${REMOVED_LISTING}, description = '', status = 'delisted', updated_at = now()
          from batch where p.id = batch.id
          returning batch.title`.execute(trx);
          if (rows.length === 0) return 0;
          // Typo correction's vocabulary (search_words) holds single words of listed titles. A word only
          // these titles used (the seller's name in "Hand-thrown by Ann Marsh", say) goes with them; a
          // word another listing still uses stays, as that listing's. Stop words are nobody's.
          await sql`
          delete from search_words w
          where w.word in (select distinct x from unnest(${rows.map((r) => r.title)}::text[]) t, lateral catalog_search_words_of(t) x)
            and to_tsvector('english', w.word) <> ''::tsvector
            and not exists (select 1 from products p where p.search @@ plainto_tsquery('english', w.word) and p.title <> ${REMOVED_LISTING})`.execute(
            trx,
          );
          return rows.length;
        },
      },
    ],
    set: { title: { value: REMOVED_LISTING }, description: { value: '' }, status: { value: 'delisted' } },
    reason:
      "A seller's listings are delisted and keep nothing they wrote: title and description are replaced (titles can name the seller), " +
      'their photos are deleted and words only their titles used leave the search vocabulary. The rows stay because ' +
      "other buyers' orders, carts, reviews and conversations point at them; orders keep their own copy of the title as an accounting record.",
  },
  {
    table: 'stores',
    action: 'anonymise',
    about: { data: 'Your store, its listings and their photos', keptFor: 'Until you delete your account' },
    match: [{ column: 'owner_user_id', equals: 'user_id' }],
    set: {
      owner_user_id: null,
      name: { value: 'Closed store' },
      // The store's address was made from its name (migration 036): it goes with it, and the old
      // address answers "not found" like any unknown one.
      slug: null,
      description: { value: '' },
      status: { value: 'closed' },
    },
    reason:
      "Other buyers' orders and tracking pages name the store as the seller of record, so the row stays; " +
      "its link to the person, its name (often a person's name), the address of its page made from that name and its description go, and every listing is delisted.",
  },
  {
    table: 'categories',
    action: 'not_personal',
    columns: ['name'],
    reason: 'Category names such as "Electronics".',
  },
  {
    table: 'search_words',
    action: 'not_personal',
    columns: ['word'],
    reason:
      "Single words taken from product titles, kept so that search can correct typos. Words that only an erased seller's titles used " +
      'are removed with those titles (products policy).',
  },
  {
    table: 'catalog_version',
    action: 'not_personal',
    columns: ['slot', 'n'],
    reason:
      'Sixteen counters of catalogue changes (migration 048), so cached catalogue pages are never served stale: numbers only.',
  },
  {
    table: 'search_synonyms',
    action: 'not_personal',
    columns: ['word', 'means', 'target', 'substitute'],
    reason:
      'Everyday words and what product titles call them ("sneakers": shoes), written by the migration, not by anyone.',
  },
];

/** The person's store with its products, for "Download your data"; null without a store. */
export async function exportStoreOf(db: Kysely<DB>, userId: string) {
  const store = await db
    .selectFrom('stores')
    .select(['id', 'name', 'country', 'description', 'status', 'created_at'])
    .where('owner_user_id', '=', userId)
    .executeTakeFirst();
  if (!store) return null;
  const products = await db
    .selectFrom('products')
    .select(['id', 'title', 'description', 'category_slug', 'price_minor', 'currency', 'stock', 'status', 'created_at'])
    .select('option_names')
    .where('store_id', '=', store.id)
    .orderBy('created_at')
    .execute();
  // Each product's variants (decision 051) with it: their options are words the seller wrote.
  const variants =
    products.length === 0
      ? []
      : await db
          .selectFrom('product_variants')
          .select(['product_id', 'option_values', 'sku', 'price_minor', 'stock', 'active', 'created_at'])
          .where(
            'product_id',
            'in',
            products.map((p) => p.id),
          )
          .orderBy('product_id')
          .orderBy('position')
          .orderBy('created_at')
          .orderBy('id')
          .execute();
  return {
    ...store,
    products: products.map(({ option_names, ...product }) => ({
      ...product,
      option_names,
      variants: variants
        .filter((v) => v.product_id === product.id)
        .map(({ product_id: _product, option_values, ...v }) => ({
          label: variantLabel(option_names, option_values),
          option_values,
          ...v,
        })),
    })),
  };
}

/** The name of the person's store, which the account-deletion page says will be closed; null without a store. */
export async function storeNameOf(db: Kysely<DB>, userId: string): Promise<string | null> {
  const store = await db.selectFrom('stores').select('name').where('owner_user_id', '=', userId).executeTakeFirst();
  return store ? store.name : null;
}

/** Takes the person's active store out of sight while their deletion request waits. */
export async function hideStoreOf(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx
    .updateTable('stores')
    .set({ status: 'hidden' })
    .where('owner_user_id', '=', userId)
    .where('status', '=', 'active')
    .execute();
}
