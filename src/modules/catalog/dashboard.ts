// What the seller dashboard (issue 19, decision 055) reads of a store's catalog, as pieces of its
// one statement: products and variants running low, the store's rating, the store's product ids.
import { sql, type RawBuilder } from 'kysely';

export type LowStockItem = { productId: string; title: string; variant: string | null; stock: number };

/**
 * The store's active products (without variants) and active variants with `threshold` or fewer in
 * stock, fewest first, at most `limit` of them, and how many there are, as a JSON subquery.
 */
export const lowStockOf = (
  storeId: string,
  threshold: number,
  limit: number,
): RawBuilder<{ count: number; items: LowStockItem[] }> =>
  sql<{ count: number; items: LowStockItem[] }>`(select json_build_object(
      'count', count(*),
      'items', coalesce(to_json((array_agg(json_build_object('productId', product_id, 'title', title, 'variant', variant, 'stock', stock)
        order by stock, title, variant))[1:${limit}]), '[]'::json))
    from (
      select p.id as product_id, p.title, null::text as variant, p.stock
        from products p
        where p.store_id = ${storeId} and p.status = 'active' and cardinality(p.option_names) = 0 and p.stock <= ${threshold}
      union all
      select p.id, p.title, array_to_string(v.option_values, ' · '), v.stock
        from products p join product_variants v on v.product_id = p.id
        where p.store_id = ${storeId} and p.status = 'active' and cardinality(p.option_names) > 0
          and v.active and v.stock <= ${threshold}
    ) low)`;

/** The store's rating as kept on its row: `{"sum": n, "count": n}`. */
export const storeRatingTotalsOf = (storeId: string): RawBuilder<{ sum: number; count: number }> =>
  sql<{
    sum: number;
    count: number;
  }>`(select json_build_object('sum', rating_sum, 'count', rating_count) from stores where id = ${storeId})`;

/** The ids of the store's products, as a subquery for the caller's `product_id in (…)`. */
export const productIdsOfStore = (storeId: string): RawBuilder<string> =>
  sql<string>`(select id from products where store_id = ${storeId})`;
