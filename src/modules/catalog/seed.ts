// The demo catalog: many stores, thousands of products across every category, offers running now,
// shipping to dozens of countries. Deterministic (seeded PRNG) and inserted in batches.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { refreshOfferPrices } from './offers.ts';
import { ADJECTIVES, BRANDS, CATEGORIES, COLOURS, COUNTRIES, PHRASES, STORE_WORDS } from './demo-data.ts';
import type { FileStorage } from '../../storage.ts';
import { demoOfferWindow } from './demo-offers.ts';
import { storeDemoImages, type DemoImage } from './demo-images.ts';
import { demoProduct, demoStore } from './demo-shop.ts';

export type SeedOptions = {
  products: number;
  stores: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * The demo shop's look (decision 048): store names and stories, titles that match a picture of the
   * product rendered and stored as its images in `storage`, offers ending within hours and days of
   * `now` (default: the current time). Without it (tests, benchmarks) nothing is rendered.
   */
  demo?: { storage: FileStorage; now?: Date };
};

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BATCH = 1000;

/** Adds stores and products; returns the number of products inserted. */
export async function seedCatalog(db: Kysely<DB>, options: SeedOptions): Promise<number> {
  const random = prng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (min: number, max: number) => Math.floor(min + random() * (max - min + 1));
  // The demo's extra choices draw from their own sequence: the rest of the catalog (categories,
  // prices, stock, shipping) is the same with or without the demo look for a given seed.
  const look = prng((options.seed ?? 42) ^ 0x5eed);
  const demo = options.demo;
  const takenNames = new Set<string>();

  await db
    .insertInto('categories')
    .values(CATEGORIES.map((c, i) => ({ slug: c.slug, name: c.name, position: i })))
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();

  const stores: Array<{ id: string; profiles: string[]; sells: readonly string[] }> = [];
  for (let i = 0; i < options.stores; i++) {
    const country = pick(COUNTRIES);
    const shop = demo ? demoStore(look, country, takenNames) : null;
    const store = await db
      .insertInto('stores')
      .values({
        name: shop?.name ?? `${pick(BRANDS)} ${pick(STORE_WORDS)}${i >= BRANDS.length ? ` ${i + 1}` : ''}`,
        country,
        description: shop?.description ?? `Independent seller based in ${country}.`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const worldwide = await db
      .insertInto('shipping_profiles')
      .values({ store_id: store.id, label: 'Worldwide' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const domestic = await db
      .insertInto('shipping_profiles')
      .values({ store_id: store.id, label: 'Domestic only' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const reach = COUNTRIES.filter((c) => c === country || random() < 0.55);
    await db
      .insertInto('shipping_rates')
      .values([
        ...reach.map((c) => {
          const home = c === country;
          const min = home ? between(1, 3) : between(4, 10);
          return {
            profile_id: worldwide.id,
            country: c,
            cost_minor: home || random() < 0.15 ? 0 : between(3, 30) * 100,
            min_days: min,
            max_days: min + between(1, 7),
          };
        }),
        { profile_id: domestic.id, country, cost_minor: random() < 0.5 ? 0 : 399, min_days: 1, max_days: 4 },
      ])
      .execute();
    stores.push({ id: store.id, profiles: [worldwide.id, domestic.id], sells: shop?.sells ?? [] });
  }

  const now = demo?.now?.getTime() ?? Date.now();
  const DAY = 86_400_000;
  let done = 0;
  while (done < options.products) {
    const size = Math.min(BATCH, options.products - done);
    const images: Array<Omit<DemoImage, 'productId'>> = [];
    const optionsOf: Array<ReturnType<typeof demoProduct>['options']> = [];
    const products = Array.from({ length: size }, () => {
      const category = pick(CATEGORIES);
      let store = pick(stores);
      const noun = pick(category.nouns);
      const brand = pick(BRANDS);
      const colour = pick(COLOURS);
      const title = `${brand} ${pick(ADJECTIVES)} ${noun} – ${colour}`;
      const [low, high] = category.price;
      const price = Math.round(between(low, high) / 10) * 10 - 1;
      const shipping = random() < 0.85 ? 0 : 1;
      const description = `${title}.\n\n${pick(PHRASES)} ${pick(PHRASES)}\n\n${noun} from ${brand}, in ${colour.toLowerCase()}.`;
      const shown = demo ? demoProduct(look, category.slug) : null;
      if (shown) {
        // A store sells what its story says it sells, when one does.
        const specialists = stores.filter((s) => s.sells.includes(category.slug));
        if (specialists.length > 0) store = specialists[Math.floor(look() * specialists.length)]!;
        images.push({ kind: shown.art, arts: shown.arts });
        optionsOf.push(shown.options);
      }
      return {
        store_id: store.id,
        category_slug: category.slug,
        shipping_profile_id: store.profiles[shipping]!,
        title: shown?.title ?? title,
        description: shown?.description ?? description,
        price_minor: price,
        current_price_minor: price,
        currency: 'USD',
        stock: random() < 0.05 ? 0 : between(1, 250),
        image_count: shown ? shown.arts.length : between(1, 4),
        sold_count: Math.floor(random() ** 3 * 5000),
        created_at: new Date(now - Math.floor(random() * 365 * DAY)),
        updated_at: new Date(now),
        ...(shown?.options ? { option_names: [shown.options.name] } : {}),
      };
    });
    const inserted = await db.insertInto('products').values(products).returning(['id', 'price_minor']).execute();
    if (demo)
      await storeDemoImages(
        db,
        demo.storage,
        inserted.map((p, i) => ({ productId: p.id, ...images[i]! })),
      );
    // The demo's products with options get their variants, priced from the product's price (the
    // first at exactly it, so the roll-up keeps it as the lowest); the trigger sums their stock.
    const variants = inserted.flatMap((p, i) =>
      (optionsOf[i]?.variants ?? []).map((v, position) => ({
        product_id: p.id,
        option_values: [v.value],
        price_minor: Math.round((p.price_minor * v.priceFactor) / 10) * 10 - (p.price_minor % 10 === 9 ? 1 : 0),
        stock: v.stock,
        position,
      })),
    );
    if (variants.length > 0) await db.insertInto('product_variants').values(variants).execute();
    const offers = inserted.flatMap((p) => {
      const roll = random();
      if (roll > 0.2) return [];
      // Mostly running now; some already over, some not started yet. The demo's run by the hour.
      const startOffset = roll < 0.15 ? -between(1, 10) : roll < 0.18 ? -between(20, 40) : between(2, 10);
      const window = demo ? demoOfferWindow([look(), look(), look()], now, { ended: true }) : null;
      const starts = window?.starts ?? new Date(now + startOffset * DAY);
      const ends = window?.ends ?? new Date(starts.getTime() + between(2, 21) * DAY);
      return [
        {
          product_id: p.id,
          price_minor: Math.max(1, Math.round((p.price_minor * between(50, 90)) / 100)),
          starts_at: starts,
          ends_at: ends,
        },
      ];
    });
    if (offers.length > 0) {
      await db.insertInto('offers').values(offers).execute();
      await refreshOfferPrices(
        db,
        offers.map((o) => o.product_id),
      );
    }
    done += size;
    options.onProgress?.(done, options.products);
  }
  // Planner statistics for every table the catalog reads join: PGlite runs no autovacuum. After a
  // bulk seed, also what autovacuum would do on PostgreSQL: the offer refresh left a dead version of
  // a fifth of the products, which every search would otherwise step over (docs/decisions/021).
  if (done > 0)
    await sql`vacuum analyze stores, shipping_profiles, shipping_rates, categories, products, offers, product_variants`.execute(
      db,
    );
  else
    await sql`analyze stores, shipping_profiles, shipping_rates, categories, products, offers, product_variants`.execute(
      db,
    );
  return done;
}

export async function catalogIsEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('products').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
