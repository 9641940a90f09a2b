// The product page's response body, written as JSON text in the response schema's key order
// (decision 028). Fastify would serialise an object with the schema's serialiser; the page's bulk,
// its shipping list, already is JSON (shipping_profiles.ships_to_body, migration 027), so the route
// writes the few other fields around it instead of parsing the list, mapping it and serialising it
// again. Values are computed as for the cards (toCard in routes.ts): same rounding, same URLs.
import { priceMaxNow, variantPriceNow } from './cards.ts';
import { productImageUrl } from './images.ts';
import { ratingOf } from './ratings.ts';

/** The page from catalog_product_page_text (migration 027), as findProductPage reads it: its fields, and the shipping list as JSON text. */
export type ProductPageRow = {
  id: string;
  title: string;
  description: string;
  category_slug: string;
  category_name: string;
  image_count: number;
  price_minor: number;
  currency: string;
  offer_price: number | null;
  offer_ends_at: Date | null;
  stock: number;
  rating_sum: number;
  rating_count: number;
  store_id: string;
  store_name: string;
  store_slug: string;
  store_country: string;
  store_rating_sum: number;
  store_rating_count: number;
  /** The options' names, in order; empty without variants (migration 040). */
  option_names: string[];
  price_max_minor: number | null;
  /** The active variants, in the seller's order. */
  variants: VariantRow[];
  /** The shipsTo list as JSON, with '$' where the product's currency goes. */
  ships_to: string;
};

type VariantRow = {
  id: string;
  option_values: string[];
  price_minor: number;
  stock: number;
  image_index: number | null;
  sku: string | null;
};

const text = (value: string) => JSON.stringify(value);
const moneyJson = (amount: number, currency: string) => `{"amount":${amount},"currency":${text(currency)}}`;

function ratingJson(sum: number, count: number): string {
  const { average } = ratingOf(sum, count);
  return `{"average":${average === null ? 'null' : average},"count":${count}}`;
}

/**
 * The visitor's shipping: their country's entry of the list, with "available", or unavailable.
 * An entry reads {"country":"FR","cost":{…},"minDays":4,"maxDays":9} (catalog_profile_ships_to_body).
 */
function shippingJson(shipsTo: string, country: string): string {
  const head = `{"country":${text(country)},`;
  const start = shipsTo.indexOf(head);
  if (start === -1) return `{"country":${text(country)},"available":false,"cost":null,"minDays":null,"maxDays":null}`;
  const end = shipsTo.indexOf('}', shipsTo.indexOf('"maxDays":', start));
  return `${head}"available":true,${shipsTo.slice(start + head.length, end + 1)}`;
}

/** Each option with its values, in the order the variants first use them. */
function optionsJson(row: ProductPageRow): string {
  return `[${row.option_names
    .map((name, i) => {
      const values = [...new Set(row.variants.map((v) => v.option_values[i]!))];
      return `{"name":${text(name)},"values":[${values.map(text).join(',')}]}`;
    })
    .join(',')}]`;
}

function variantsJson(row: ProductPageRow): string {
  return `[${row.variants
    .map((v) => {
      const now = variantPriceNow(v.price_minor, row);
      const image = Math.min(v.image_index ?? 0, Math.max(0, row.image_count - 1));
      return (
        `{"id":${text(v.id)},"options":[${v.option_values.map(text).join(',')}]` +
        `,"price":${moneyJson(now, row.currency)},"originalPrice":${now < v.price_minor ? moneyJson(v.price_minor, row.currency) : 'null'}` +
        `,"stock":${v.stock},"imageUrl":${text(productImageUrl(row.id, image))},"sku":${v.sku === null ? 'null' : text(v.sku)}}`
      );
    })
    .join(',')}]`;
}

/** The page for a visitor in `country`, as the route's response schema (ProductPageSchema) lays it out. */
export function productPageBody(row: ProductPageRow, country: string): string {
  return withShipping(productPageForEveryone(row), country);
}

/** Between the page for everyone and its shipping list: where the visitor's shipping line goes. */
const SHIPS_TO = ',"shipsTo":';

/**
 * The page without the visitor's shipping line: the same for every visitor (what the catalogue
 * cache keeps, decision 056). withShipping completes it.
 */
export function productPageForEveryone(row: ProductPageRow): string {
  const onOffer = row.offer_price !== null && row.offer_price < row.price_minor;
  const images: string[] = [];
  for (let i = 0; i < Math.max(1, row.image_count); i++) images.push(text(productImageUrl(row.id, i)));
  const shipsTo = row.ships_to.replaceAll('$', row.currency);
  const max = priceMaxNow(row);
  return (
    `{"id":${text(row.id)},"title":${text(row.title)},"description":${text(row.description)}` +
    `,"category":{"slug":${text(row.category_slug)},"name":${text(row.category_name)}},"images":[${images.join(',')}]` +
    `,"price":${moneyJson(onOffer ? row.offer_price! : row.price_minor, row.currency)}` +
    `,"priceMax":${max === null ? 'null' : moneyJson(max, row.currency)}` +
    `,"originalPrice":${onOffer ? moneyJson(row.price_minor, row.currency) : 'null'}` +
    `,"discountPercent":${onOffer ? Math.round((1 - row.offer_price! / row.price_minor) * 100) : 'null'}` +
    `,"offerEndsAt":${onOffer && row.offer_ends_at ? text(row.offer_ends_at.toISOString()) : 'null'}` +
    `,"stock":${row.stock},"options":${optionsJson(row)},"variants":${variantsJson(row)}` +
    `,"store":{"id":${text(row.store_id)},"name":${text(row.store_name)},"slug":${text(row.store_slug)},"country":${text(row.store_country)},"rating":${ratingJson(row.store_rating_sum, row.store_rating_count)}}` +
    `,"rating":${ratingJson(row.rating_sum, row.rating_count)}` +
    `${SHIPS_TO}${shipsTo}}`
  );
}

/**
 * The page for a visitor in `country`: the shipping line goes before the shipping list, the last
 * field (a list of countries, costs and days: nothing in it reads like the field's name).
 */
export function withShipping(page: string, country: string): string {
  const at = page.lastIndexOf(SHIPS_TO);
  const shipsTo = page.slice(at + SHIPS_TO.length, -1);
  return `${page.slice(0, at)},"shipping":${shippingJson(shipsTo, country)}${page.slice(at)}`;
}
