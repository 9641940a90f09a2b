import type { Kysely } from 'kysely';
import type { ErasurePolicy } from '../../erasure/policy.ts';
import type { DB } from '../../db/types.ts';
import { productTitleOf } from '../catalog/index.ts';
import { GUEST_DAYS, MAX_SAVED } from './repository.ts';
import { MAX_VIEWS } from './views-repository.ts';

export const savedErasure: ErasurePolicy[] = [
  {
    table: 'saved_items',
    action: 'delete',
    about: {
      data: 'Your saved items',
      keptFor: `Until you remove them or delete your account (at most ${MAX_SAVED}); a guest's for ${GUEST_DAYS} days after their last visit`,
    },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: `The products a person keeps for later, with their price when saved, are part of their account. A guest's saved items are deleted ${GUEST_DAYS} days after the guest last saved or viewed a product.`,
  },
  {
    table: 'recent_views',
    action: 'delete',
    about: {
      data: 'Products you viewed recently',
      keptFor: `The last ${MAX_VIEWS}, until you clear them or delete your account; a guest's for ${GUEST_DAYS} days after their last visit`,
    },
    match: [{ column: 'user_id', equals: 'user_id' }],
    reason: `Shown back to the person alone, as "Recently viewed"; never used for anything else. A guest's views are deleted ${GUEST_DAYS} days after the guest last saved or viewed a product.`,
  },
];

/** The account's saved items, for "Download your data". */
export async function exportSavedItemsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('saved_items as s')
    .select((eb) => [
      's.product_id',
      productTitleOf(eb.ref('s.product_id')).as('title'),
      's.saved_price_minor',
      's.saved_currency',
      's.saved_at',
    ])
    .where('s.user_id', '=', userId)
    .orderBy('s.saved_at', 'desc')
    .execute();
}

/** The account's recently viewed products, for "Download your data". */
export async function exportRecentViewsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('recent_views as v')
    .select((eb) => ['v.product_id', productTitleOf(eb.ref('v.product_id')).as('title'), 'v.viewed_at'])
    .where('v.user_id', '=', userId)
    .orderBy('v.viewed_at', 'desc')
    .execute();
}
