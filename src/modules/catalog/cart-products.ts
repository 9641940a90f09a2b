// The products as the cart shows and checks them (issue 16): the cart joins this piece into its
// own statement, so reading a cart stays one query while the products, variants and stores
// tables' names and columns stay in the catalog.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.ts';

/**
 * Every product with what a list of products shows of it (saved items), as a derived table to join
 * on `id` (PostgreSQL flattens it into the caller's joins): the price (the lowest, with variants),
 * the running offer's price, stock, whether it can be bought (the product and its store active),
 * its store and shipping profile, and when its stock last came back (saved items' "back in stock").
 */
export const cartProducts = sql`(
  select p.id, p.title, p.price_minor,
    case when p.offer_ends_at > now() then p.offer_price_minor end as offer_price,
    p.currency, p.stock, (p.status = 'active' and s.status = 'active') as listed,
    s.id as store_id, s.name as store_name, p.shipping_profile_id, p.restocked_at
  from products p
  join stores s on s.id = p.store_id)`;

/**
 * What a cart line shows of its product and variant (null: the product itself), as a lateral
 * subquery of the caller's statement: the price, the running offer's price, stock, whether it can
 * be bought (the product and its store active; the variant, if any, active), the variant's options
 * as words, its picture, its store and shipping profile. A line of a product that gained options
 * after it was added names no variant: `option_names` says what the shopper must choose.
 *
 * A product's offer is one price below its lowest price (decision 051): a variant gets the same
 * share off, so the cheapest variant costs exactly the offer's price.
 */
export const cartItemOf = (productId: RawBuilder<unknown>, variantId: RawBuilder<unknown>) => sql`(
  select p.id, p.title,
    coalesce(v.price_minor, p.price_minor) as price_minor,
    case when p.offer_ends_at > now() and p.offer_price_minor < p.price_minor then
      case when v.id is null then p.offer_price_minor
      else round(v.price_minor * p.offer_price_minor::numeric / p.price_minor)::int end
    end as offer_price,
    p.currency, coalesce(v.stock, p.stock) as stock,
    (p.status = 'active' and s.status = 'active' and coalesce(v.active, true)) as listed,
    case when v.id is not null then array_to_string(array(
      select n || ': ' || x from unnest(p.option_names, v.option_values) as o(n, x) where n is not null and x is not null), ' · ')
    end as variant_label,
    coalesce(v.image_index, 0) as image_index,
    cardinality(p.option_names) > 0 as has_variants, p.option_names, v.id as variant_id,
    s.id as store_id, s.name as store_name, p.shipping_profile_id
  from products p
  join stores s on s.id = p.store_id
  left join product_variants v on v.id = ${variantId} and v.product_id = p.id
  where p.id = ${productId})`;

/**
 * Whether a shipping profile ships to a country (it has a rate for it), as a boolean expression of
 * the caller's statement: one probe of shipping_rates' primary key (profile, country).
 */
export const profileShipsTo = (profileId: RawBuilder<unknown>, country: string): RawBuilder<boolean> =>
  sql<boolean>`exists (select 1 from shipping_rates r where r.profile_id = ${profileId} and r.country = ${country})`;

export type ProductForCart = {
  stock: number;
  listed: boolean;
  /** Whether the product has options, so that a line needs a variant. */
  has_variants: boolean;
  /** Whether the variant asked for is one of this product's (null when none was asked for). */
  variant_found: boolean | null;
};

/** What adding a product (or one of its variants) to a cart checks: stock, whether it can be bought, whether a variant is needed. */
export async function productForCart(
  db: Kysely<DB>,
  productId: string,
  variantId: string | null = null,
): Promise<ProductForCart | undefined> {
  const { rows } = await sql<ProductForCart>`
    select i.stock, i.listed, i.has_variants,
      case when ${variantId}::uuid is not null then i.variant_id is not null end as variant_found
    from ${cartItemOf(sql`${productId}::uuid`, sql`${variantId}::uuid`)} i`.execute(db);
  return rows[0];
}
