// A product as a card (search, home page, store pages): the response schema and the mapping from
// the row catalog_cards writes (migration 026, with the store's slug since 036).
import { money, MoneySchema } from '../../lib/money.ts';
import { nullable, obj } from '../../schemas.ts';
import { productImageUrl } from './images.ts';
import { ratingOf, RatingSchema } from './ratings.ts';
import type { CardRow } from './repository.ts';

/** A store's address on the site is /s/<slug>. A listed product's store always has one (migration 036). */
export const StoreSlugOutSchema = { type: 'string', description: 'The store page is /s/<slug>.' } as const;

export const CardSchema = obj({
  id: { type: 'string' },
  title: { type: 'string' },
  imageUrl: { type: 'string' },
  price: MoneySchema,
  priceMax: {
    ...nullable(MoneySchema),
    description:
      'For a product with options priced apart: the highest price (price is then the lowest), as paid now; else null.',
  },
  originalPrice: nullable(MoneySchema),
  discountPercent: { type: ['integer', 'null'] },
  offerEndsAt: { type: ['string', 'null'], format: 'date-time' },
  store: obj({ id: { type: 'string' }, name: { type: 'string' }, slug: StoreSlugOutSchema }),
  category: obj({ slug: { type: 'string' }, name: { type: 'string' } }),
  stock: { type: 'integer' },
  rating: RatingSchema,
});

/**
 * A variant's price now: a product's running offer is a price below its lowest (price_minor), and
 * every variant gets the same share off (decision 051), as the cart charges it (cartItemOf).
 */
export function variantPriceNow(amount: number, row: { price_minor: number; offer_price: number | null }): number {
  const onOffer = row.offer_price !== null && row.offer_price < row.price_minor;
  return onOffer ? Math.round((amount * row.offer_price!) / row.price_minor) : amount;
}

/** The top of a product's price range as paid now, or null when its prices do not range. */
export function priceMaxNow(row: {
  price_minor: number;
  price_max_minor: number | null;
  offer_price: number | null;
}): number | null {
  return row.price_max_minor !== null && row.price_max_minor > row.price_minor
    ? variantPriceNow(row.price_max_minor, row)
    : null;
}

export function toCard(row: CardRow) {
  const onOffer = row.offer_price !== null && row.offer_price < row.price_minor;
  const max = priceMaxNow(row);
  return {
    id: row.id,
    title: row.title,
    imageUrl: productImageUrl(row.id, 0),
    price: money(onOffer ? row.offer_price! : row.price_minor, row.currency),
    priceMax: max === null ? null : money(max, row.currency),
    originalPrice: onOffer ? money(row.price_minor, row.currency) : null,
    discountPercent: onOffer ? Math.round((1 - row.offer_price! / row.price_minor) * 100) : null,
    offerEndsAt: onOffer && row.offer_ends_at ? row.offer_ends_at.toISOString() : null,
    store: { id: row.store_id, name: row.store_name, slug: row.store_slug },
    category: { slug: row.category_slug, name: row.category_name },
    stock: row.stock,
    rating: ratingOf(row.rating_sum, row.rating_count),
  };
}
