// The demo shop looks like a shop (issue 18, decision 048): each product carries pictures of its
// kind of product rendered at seed time and served as PNG uploads; titles and store names vary;
// demo buyers' reviews make up the ratings shown; offers run relative to the moment the shop
// starts, also when it starts again much later; the same seed gives the same shop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { Client, createTestApp } from './helpers/app.ts';
import { seedDemoIfEmpty, startDemo } from '../src/demo.ts';
import { detectImageType } from '../src/lib/image-type.ts';

type Card = {
  id: string;
  title: string;
  imageUrl: string;
  offerEndsAt: string | null;
  store: { id: string; name: string };
  category: { slug: string };
  rating: { average: number | null; count: number };
};
type VariantPage = {
  title: string;
  stock: number;
  options: Array<{ name: string; values: string[] }>;
  variants: Array<{ id: string; price: Money; originalPrice: Money | null; stock: number }>;
};
type Money = { amount: number; currency: string };
type Page = {
  images: string[];
  rating: { average: number | null; count: number };
  store: { id: string; rating: { average: number | null; count: number } };
};

async function allCards(client: Client): Promise<Card[]> {
  const cards: Card[] = [];
  for (let page = 1; ; page++) {
    const body = (await client.get(`/api/search?sort=newest&pageSize=48&page=${page}`)).json() as {
      items: Card[];
    };
    cards.push(...body.items);
    if (body.items.length < 48) return cards;
  }
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const HOUR = 3_600_000;

test('the demo seed: pictures per kind of product served as PNG, varied titles and stores, ratings that match the reviews', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const started = performance.now();
  assert.equal(await seedDemoIfEmpty(app.souk, { products: 300, stores: 20 }), true);
  t.diagnostic(`demo seed of 300 products, 20 stores: ${Math.round(performance.now() - started)} ms`);
  const client = new Client(app);
  const cards = await allCards(client);
  assert.equal(cards.length, 300);

  // Believable variety: most titles distinct, store names distinct and without numbers tacked on.
  assert.ok(new Set(cards.map((c) => c.title)).size > 200, 'titles vary');
  const storeNames = new Set(cards.map((c) => c.store.name));
  assert.ok(storeNames.size >= 15);
  for (const name of storeNames) assert.doesNotMatch(name, /\d/, name);

  // A credible share of the products come in options (sizes, storage…), each priced and stocked
  // apart; the product's price is its lowest and its stock their total.
  const db = app.souk.db;
  const withOptions = await db
    .selectFrom('products')
    .select(['id', 'category_slug', 'option_names', 'price_minor', 'price_max_minor', 'stock'])
    .where(sql<boolean>`cardinality(option_names) > 0`)
    .execute();
  assert.ok(withOptions.length >= 45 && withOptions.length <= 180, `${withOptions.length} of 300 have options`);
  const optionNames = new Set(withOptions.map((p) => p.option_names.join()));
  for (const name of ['Size', 'Storage']) assert.ok(optionNames.has(name), `some are sold by ${name}`);
  assert.ok(
    withOptions.some((p) => p.category_slug === 'clothing'),
    'clothes come in sizes',
  );
  const phone = withOptions.find((p) => p.option_names[0] === 'Storage')!;
  const phonePage = (await client.get(`/api/products/${phone.id}`)).json() as VariantPage;
  assert.deepEqual(phonePage.options[0]!.name, 'Storage');
  assert.ok(phonePage.variants.length >= 2);
  const prices = phonePage.variants.map((v) => v.price.amount);
  assert.ok(prices[prices.length - 1]! > prices[0]!, `more storage costs more: ${prices}`);
  for (const product of withOptions.slice(0, 20)) {
    const page = (await client.get(`/api/products/${product.id}`)).json() as VariantPage;
    assert.ok(page.variants.length >= 2, 'at least two to choose from');
    assert.equal(
      page.stock,
      page.variants.reduce((sum, v) => sum + v.stock, 0),
    );
    assert.equal(Math.min(...page.variants.map((v) => v.originalPrice?.amount ?? v.price.amount)), product.price_minor);
    assert.doesNotMatch(page.title, new RegExp(`, ${page.options[0]!.values[0]}\\b`), 'the title names no size');
  }
  const inStock = withOptions.find((p) => p.stock > 0)!;
  const variant = ((await client.get(`/api/products/${inStock.id}`)).json() as VariantPage).variants.find(
    (v) => v.stock > 0,
  )!;
  const added = await new Client(app).post('/api/cart/lines', { productId: inStock.id, variantId: variant.id });
  assert.equal(added.statusCode, 200, added.body);

  // One product per category: every image is a real PNG, served by the image route, and categories differ.
  const perCategory = new Map<string, Card>();
  for (const card of cards) if (!perCategory.has(card.category.slug)) perCategory.set(card.category.slug, card);
  assert.ok(perCategory.size >= 8, `categories seen: ${[...perCategory.keys()]}`);
  const hashes = new Map<string, string>();
  for (const [slug, card] of perCategory) {
    const page = (await client.get(`/api/products/${card.id}`)).json() as Page;
    assert.ok(page.images.length >= 1 && page.images.length <= 2, `${card.title}: ${page.images.length} images`);
    assert.equal(page.images[0], card.imageUrl);
    for (const url of page.images) {
      const image = await client.get(url);
      assert.equal(image.statusCode, 200, url);
      assert.equal(image.headers['content-type'], 'image/png');
      const bytes = image.rawPayload;
      assert.equal(detectImageType(bytes), 'image/png', `${slug} image is a PNG`);
      assert.equal(bytes.readUInt32BE(16), 400, 'width');
      assert.equal(bytes.readUInt32BE(20), 400, 'height');
    }
    hashes.set(slug, sha((await client.get(page.images[0]!)).rawPayload));
  }
  assert.equal(new Set(hashes.values()).size, hashes.size, 'each category has its own pictures');

  // Reviews by the demo buyers; every rating shown is what the visible reviews add up to.
  const rated = cards.filter((c) => c.rating.count > 0);
  assert.ok(rated.length > 60, `${rated.length} products have reviews`);
  for (const card of rated.slice(0, 15)) {
    const reviews = (await client.get(`/api/products/${card.id}/reviews?pageSize=50`)).json() as {
      rating: { average: number | null; count: number };
      items: Array<{ rating: number; body: string; author: { name: string } }>;
    };
    assert.equal(reviews.items.length, card.rating.count);
    const mean = reviews.items.reduce((sum, r) => sum + r.rating, 0) / reviews.items.length;
    assert.equal(card.rating.average, Math.round(mean * 10) / 10);
    assert.deepEqual(reviews.rating, card.rating);
    assert.equal(new Set(reviews.items.map((r) => r.author.name)).size, reviews.items.length, 'one review per buyer');
  }
  const stores = new Map<string, { sum: number; count: number }>();
  for (const card of rated) {
    const reviews = (await client.get(`/api/products/${card.id}/reviews?pageSize=50`)).json() as {
      items: Array<{ rating: number }>;
    };
    const s = stores.get(card.store.id) ?? { sum: 0, count: 0 };
    s.sum += reviews.items.reduce((sum, r) => sum + r.rating, 0);
    s.count += reviews.items.length;
    stores.set(card.store.id, s);
  }
  const [storeId, expected] = [...stores.entries()][0]!;
  const product = cards.find((c) => c.store.id === storeId)!;
  const page = (await client.get(`/api/products/${product.id}`)).json() as Page;
  assert.deepEqual(page.store.rating, {
    average: Math.round((expected.sum / expected.count) * 10) / 10,
    count: expected.count,
  });
});

test('a demo shop started again two months later shows offers running from now; stores people opened keep theirs', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const client = new Client(app);
  const seededAt = new Date(Date.now() - 60 * 24 * HOUR);
  assert.deepEqual(await startDemo(app.souk, { now: seededAt }), { seeded: true, rebasedOffers: 0 });
  // A store someone opened, with an offer that ended: not the demo's to move.
  const owner = await app.souk.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'buyer@souk.example')
    .executeTakeFirstOrThrow();
  const own = await app.souk.db
    .insertInto('stores')
    .values({ owner_user_id: owner.id, name: 'Opened By Hand', country: 'US' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const someProduct = await app.souk.db
    .selectFrom('products')
    .select(['id', 'shipping_profile_id'])
    .limit(1)
    .executeTakeFirstOrThrow();
  await app.souk.db.updateTable('products').set({ store_id: own.id }).where('id', '=', someProduct.id).execute();
  const ended = { starts_at: new Date(Date.now() - 10 * 24 * HOUR), ends_at: new Date(Date.now() - 5 * 24 * HOUR) };
  const handOffer = await app.souk.db
    .insertInto('offers')
    .values({ product_id: someProduct.id, price_minor: 1, ...ended })
    .returning('id')
    .executeTakeFirstOrThrow();

  const before = (await client.get('/api/catalog/home')).json() as { offers: Card[] };
  assert.equal(before.offers.length, 0, 'seeded two months ago: every offer has ended');

  const restart = await startDemo(app.souk);
  assert.equal(restart.seeded, false);
  assert.ok(restart.rebasedOffers > 20, `${restart.rebasedOffers} offers moved`);
  const now = Date.now();
  const running = (await client.get('/api/search?onOffer=true&pageSize=48')).json() as { items: Card[]; total: number };
  assert.ok(running.total > 10, `${running.total} products on offer`);
  const ends = running.items.map((c) => new Date(c.offerEndsAt!).getTime());
  for (const end of ends) assert.ok(end > now, 'every offer shown ends in the future');
  assert.ok(
    ends.some((e) => e - now < 24 * HOUR),
    'some end within hours',
  );
  assert.ok(
    ends.some((e) => e - now > 2 * 24 * HOUR),
    'some end in days',
  );
  const home = (await client.get('/api/catalog/home')).json() as { offers: Card[] };
  assert.ok(home.offers.length > 0, 'the home page has offers ending soon');

  const hand = await app.souk.db
    .selectFrom('offers')
    .select(['starts_at', 'ends_at'])
    .where('id', '=', handOffer.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(hand, ended, 'an offer of a store someone opened is not moved');
  assert.equal((await startDemo(app.souk)).rebasedOffers, 0, 'a start right after moves nothing more');
});

test('the demo seed is deterministic', async (t) => {
  const shops = [];
  for (let i = 0; i < 2; i++) {
    const { app, close } = await createTestApp();
    t.after(close);
    await seedDemoIfEmpty(app.souk, { products: 60, stores: 6 });
    const client = new Client(app);
    const cards = await allCards(client);
    const images = [];
    for (const card of cards.slice(0, 10)) images.push(sha((await client.get(card.imageUrl)).rawPayload));
    const variants = await app.souk.db
      .selectFrom('product_variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['p.title', 'v.option_values', 'v.price_minor', 'v.stock'])
      .execute();
    shops.push({
      variants: variants.map((v) => `${v.title} ${v.option_values} ${v.price_minor} ${v.stock}`).sort(),
      titles: cards.map((c) => c.title).sort(),
      stores: [...new Set(cards.map((c) => c.store.name))].sort(),
      images: images.sort(),
    });
  }
  assert.deepEqual(shops[0], shops[1]);
});
