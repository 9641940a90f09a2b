import { sql, type Kysely } from 'kysely';
import type { ErasurePolicy } from '../../../erasure/policy.ts';
import type { DB } from '../../../db/types.ts';

// Runs before the catalog's policy for stores, which removes the owner link these rows are found by.
export const sellerErasure: ErasurePolicy[] = [
  {
    table: 'product_images',
    action: 'delete',
    about: { data: 'Your store, its listings and their photos', keptFor: 'Until you delete your account' },
    match: [
      {
        custom:
          'images of products in the store the user owns (stores.owner_user_id); the files in file storage go after the commit',
        owns: ({ userId }) =>
          sql<boolean>`product_id in (select p.id from products p join stores s on s.id = p.store_id where s.owner_user_id = ${userId})`,
        erase: async ({ trx, subject, limit, deleteFiles }) => {
          const deleted = await trx
            .deleteFrom('product_images')
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('product_images as i')
                .innerJoin('products as p', 'p.id', 'i.product_id')
                .innerJoin('stores as s', 's.id', 'p.store_id')
                .select('i.id')
                .where('s.owner_user_id', '=', subject.userId)
                .$if(limit !== null, (q) => q.limit(limit!)),
            )
            .returning(['storage_key', 'product_id'])
            .execute();
          const products = [...new Set(deleted.map((d) => d.product_id))];
          if (products.length > 0)
            await trx.updateTable('products').set({ image_count: 0 }).where('id', 'in', products).execute();
          deleteFiles(deleted.map((d) => d.storage_key));
          return deleted.length;
        },
      },
    ],
    reason:
      'Photos a seller uploaded can show the seller, their home or other people; the store is anonymised and its listings ' +
      'delisted at erasure, so no buyer needs them. Orders keep their own copy of titles and prices, not images.',
  },
  {
    table: 'product_variants',
    action: 'delete',
    about: { data: 'Your store, its listings and their photos', keptFor: 'Until you delete your account' },
    match: [
      {
        custom: 'variants of products in the store the user owns (stores.owner_user_id)',
        owns: ({ userId }) =>
          sql<boolean>`product_id in (select p.id from products p join stores s on s.id = p.store_id where s.owner_user_id = ${userId})`,
        erase: async ({ trx, subject, limit }) => {
          const deleted = await trx
            .deleteFrom('product_variants')
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('product_variants as v')
                .innerJoin('products as p', 'p.id', 'v.product_id')
                .innerJoin('stores as s', 's.id', 'p.store_id')
                .select('v.id')
                .where('s.owner_user_id', '=', subject.userId)
                .$if(limit !== null, (q) => q.limit(limit!)),
            )
            .executeTakeFirst();
          return Number(deleted.numDeletedRows);
        },
      },
    ],
    reason:
      'Option values are words the seller wrote (they can name the seller, as titles can), and the listings are delisted at erasure, ' +
      "so no buyer can choose them any more: other buyers' cart lines for them go too. Orders keep their own copy of each variant's options and price.",
  },
];

/** The file keys of the images of the products of the person's store. */
export async function productImageKeysOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('product_images as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .innerJoin('stores as s', 's.id', 'p.store_id')
    .select('i.storage_key')
    .where('s.owner_user_id', '=', userId)
    .execute();
  return rows.map((r) => r.storage_key);
}
