// The saved list and recently viewed row as the API shows them: prices compared with the price
// when saved, "back in stock", products that can no longer be bought marked as such.
import { money } from '../../lib/money.ts';
import { productImageUrl } from '../catalog/index.ts';
import type { SavedRow } from './repository.ts';
import type { ViewRow } from './views-repository.ts';

/** What the product costs now: the running offer's price when lower than the list price. */
const unitPrice = (row: { price_minor: number; offer_price: number | null }) =>
  row.offer_price !== null && row.offer_price < row.price_minor ? row.offer_price : row.price_minor;

export function savedItemView(row: SavedRow) {
  const price = unitPrice(row);
  const comparable = row.saved_currency === row.currency && price !== row.saved_price_minor;
  const state = !row.listed ? 'unavailable' : row.stock <= 0 ? 'out_of_stock' : 'available';
  return {
    productId: row.product_id,
    title: row.title,
    imageUrl: productImageUrl(row.product_id, 0),
    store: { id: row.store_id, name: row.store_name },
    savedAt: new Date(row.saved_at).toISOString(),
    priceWhenSaved: money(row.saved_price_minor, row.saved_currency),
    price: money(price, row.currency),
    listPrice: price < row.price_minor ? money(row.price_minor, row.currency) : null,
    priceChange: comparable ? (price < row.saved_price_minor ? ('dropped' as const) : ('rose' as const)) : null,
    priceDifference: comparable ? money(Math.abs(price - row.saved_price_minor), row.currency) : null,
    state: state as 'available' | 'out_of_stock' | 'unavailable',
    backInStock: state === 'available' && (row.saved_out_of_stock || row.restocked_since_saved),
  };
}

export function viewedItemView(row: ViewRow) {
  const price = unitPrice(row);
  return {
    productId: row.product_id,
    title: row.title,
    imageUrl: productImageUrl(row.product_id, 0),
    price: money(price, row.currency),
    listPrice: price < row.price_minor ? money(row.price_minor, row.currency) : null,
    inStock: row.stock > 0,
    viewedAt: new Date(row.viewed_at).toISOString(),
  };
}
