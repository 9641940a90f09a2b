// Search that understands (issue 18): a word the catalog knows is never replaced, a correction
// names both queries and can be undone, plurals and synonyms find what a shopper means.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';

type Page = {
  items: Array<{ id: string; title: string }>;
  total: number;
  correctedQuery: string | null;
  originalQuery: string | null;
  noResults: {
    spellings: string[];
    categories: Array<{ slug: string; name: string }>;
    popular: Array<{ id: string; title: string }>;
  } | null;
};

test('search that understands', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await db
    .insertInto('categories')
    .values([
      { slug: 'home-kitchen', name: 'Home & Kitchen' },
      { slug: 'electronics', name: 'Electronics' },
      { slug: 'clothing', name: 'Clothing' },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const store = await createFixtureStore(db, 'Understanding Goods', [
    { country: 'FR', cost_minor: 0, min_days: 1, max_days: 3 },
  ]);
  const mk = (title: string, category: string, description?: string) =>
    createFixtureProduct(db, store, { title, price: 2500, category, description });
  const phone = await mk('Android Phone', 'electronics');
  const photo = await mk('Photo Frame', 'home-kitchen');
  const album = await mk('Leather Photo Album', 'home-kitchen');
  const charger = await mk('Travel Charger', 'electronics', 'Charges any cellular handset in an hour.');
  const shirt = await mk('Linen Shirt', 'clothing');
  const tee = await mk('Cotton T-Shirt', 'clothing');
  const shoes = await mk('Trail Running Shoes', 'clothing');
  const lantern = await mk('Camping Lantern', 'home-kitchen');
  const boxes = await mk('Cedar Spice Boxes', 'home-kitchen');
  const box = await mk('Walnut Box', 'home-kitchen');

  const get = async (url: string, status = 200): Promise<Page> => {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    return res.json() as Page;
  };
  const ids = (page: Page) => page.items.map((i) => i.id).sort();

  await t.test('a word the catalog knows is never replaced: "phone" finds phones, not photos', async () => {
    const found = await get('/api/search?q=phone');
    assert.deepEqual(ids(found), [phone]);
    assert.equal(found.correctedQuery, null);
    assert.equal(found.originalQuery, null);
    // Even when it matches nothing where it is looked for, a known word stays as typed: no photos.
    for (const q of ['phone', 'phones', 'cellular']) {
      const none = await get(`/api/search?q=${q}&category=clothing`);
      assert.equal(none.total, 0, q);
      assert.equal(none.correctedQuery, null, `${q} is not corrected`);
      assert.equal(none.originalQuery, null);
    }
    // Known words next to a typo stay; the typo alone is corrected.
    const typo = await get('/api/search?q=leather%20phto');
    assert.equal(typo.correctedQuery, 'leather photo');
    assert.deepEqual(ids(typo), [album]);
    assert.ok(!ids(await get('/api/search?q=phone')).includes(charger), 'the description word is not the query');
  });

  await t.test('a corrected search names both queries; exact=true searches the words as typed', async () => {
    const corrected = await get('/api/search?q=%20phto%20%20frme%20');
    assert.equal(corrected.correctedQuery, 'photo frame');
    assert.equal(corrected.originalQuery, 'phto frme', 'as typed, spaces collapsed');
    assert.deepEqual(ids(corrected), [photo]);
    const asTyped = await get('/api/search?q=phto%20frme&exact=true');
    assert.equal(asTyped.total, 0);
    assert.equal(asTyped.correctedQuery, null);
    assert.equal(asTyped.originalQuery, null);
    const exactKnown = await get('/api/search?q=photo%20frame&exact=true');
    assert.deepEqual(ids(exactKnown), [photo], 'exact still finds what matches');
    await get('/api/search?q=phto&exact=maybe', 400);
  });

  await t.test('plurals fold and everyday words find what titles call otherwise, categories by name', async () => {
    assert.deepEqual(ids(await get('/api/search?q=lanterns')), [lantern]);
    assert.deepEqual(ids(await get('/api/search?q=lantern')), [lantern]);
    assert.deepEqual(ids(await get('/api/search?q=box')), [boxes, box].sort());
    assert.deepEqual(ids(await get('/api/search?q=boxes')), [boxes, box].sort());
    const clothes = await get('/api/search?q=clothes');
    assert.deepEqual(ids(clothes), [shirt, tee, shoes].sort(), 'the Clothing category');
    assert.equal(clothes.correctedQuery, null);
    assert.deepEqual(ids(await get('/api/search?q=sneakers')), [shoes]);
    assert.deepEqual(ids(await get('/api/search?q=trail%20sneakers')), [shoes], 'a synonym inside a longer query');
    assert.deepEqual(ids(await get('/api/search?q=cellphone')), [phone]);
    assert.deepEqual(ids(await get('/api/search?q=mobile')), [phone]);
    assert.deepEqual(ids(await get('/api/search?q=tee')), [tee]);
    assert.deepEqual(ids(await get('/api/search?q=electronics&sort=price_asc')), [phone, charger].sort());
    // A synonym is a known word: with nothing to find, it is not corrected into something else.
    const none = await get('/api/search?q=sneakers&category=electronics');
    assert.equal(none.total, 0);
    assert.equal(none.correctedQuery, null);
    // A category named inside a longer query stands for its word: the category's products with the
    // other words ("linen clothes": the linen shirt, whose text never says clothing). The other
    // words are not dropped to widen it: no walnut product is in Electronics.
    assert.deepEqual(ids(await get('/api/search?q=linen%20clothes')), [shirt]);
    assert.deepEqual(ids(await get('/api/search?q=walnut%20kitchen')), [box]);
    assert.deepEqual(ids(await get('/api/search?q=running%20clothing&sort=price_asc')), [shoes]);
    assert.deepEqual(ids(await get('/api/search?q=walnut%20electronics&exact=true')), []);
    assert.deepEqual(ids(await get('/api/search?q=linen%20kitchen&exact=true')), []);
  });

  await t.test('suggestions while typing: categories, then the last word completed, at most 8', async () => {
    type Suggestions = { suggestions: Array<{ kind: string; text: string; category: string | null }> };
    const suggest = async (q: string, status = 200) => {
      const res = await app.inject({ method: 'GET', url: `/api/search/suggest?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, status, `${q}: ${res.body}`);
      return res.json() as Suggestions;
    };
    assert.deepEqual((await suggest('cl')).suggestions, [{ kind: 'category', text: 'Clothing', category: 'clothing' }]);
    // Ranked by how many listed products have the word in their title: two photos, one phone.
    assert.deepEqual((await suggest('Ph')).suggestions, [
      { kind: 'search', text: 'photo', category: null },
      { kind: 'search', text: 'phone', category: null },
    ]);
    assert.deepEqual(
      (await suggest('leather  PHO')).suggestions.map((s) => s.text),
      ['leather photo', 'leather phone'],
      'the words before the last are kept',
    );
    const phones = [await mk('Desk Phone', 'electronics'), await mk('Phone Stand', 'home-kitchen')];
    assert.deepEqual(
      (await suggest('ph')).suggestions.map((s) => s.text),
      ['phone', 'photo'],
      'three phones now',
    );
    // A delisted title no longer counts; a word no listed title uses is not offered.
    await db.updateTable('products').set({ status: 'delisted' }).where('id', 'in', phones).execute();
    assert.deepEqual(
      (await suggest('ph')).suggestions.map((s) => s.text),
      ['photo', 'phone'],
    );
    await db.updateTable('products').set({ status: 'delisted' }).where('id', '=', phone).execute();
    assert.deepEqual(
      (await suggest('ph')).suggestions.map((s) => s.text),
      ['photo'],
    );
    await db.updateTable('products').set({ status: 'active' }).where('id', '=', phone).execute();
    assert.deepEqual((await suggest('kitch')).suggestions, [
      { kind: 'category', text: 'Home & Kitchen', category: 'home-kitchen' },
    ]);
    assert.deepEqual((await suggest('zzq')).suggestions, []);
    for (let i = 0; i < 12; i++) await mk(`Sample Item${String(i).padStart(2, '0')}`, 'home-kitchen');
    const many = (await suggest('it')).suggestions;
    assert.equal(many.length, 8);
    assert.ok(many.every((s) => s.text.startsWith('item')));
    for (const q of ['', 'a', ' a', 'x'.repeat(101)]) {
      const bad = await app.inject({ method: 'GET', url: `/api/search/suggest?q=${encodeURIComponent(q)}` });
      assert.equal(bad.statusCode, 400, JSON.stringify(q));
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
    }
    assert.equal((await app.inject({ method: 'GET', url: '/api/search/suggest' })).statusCode, 400);
    assert.equal((await app.inject({ method: 'GET', url: '/api/search/suggest?q=ph&x=1' })).statusCode, 400);
    // The completion is an index range scan of the vocabulary, not a scan of it.
    await sql`set enable_seqscan = off`.execute(db);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`
      explain select word from search_words v where v.word like 'pho%' order by length(v.word), v.word limit 8`.execute(
      db,
    );
    await sql`reset enable_seqscan`.execute(db);
    assert.match(rows.map((r) => r['QUERY PLAN']).join('\n'), /search_words_prefix_idx|search_words_pkey/);
  });

  await t.test('an empty result offers corrected spellings, the categories and the best sellers', async () => {
    await db.updateTable('products').set({ sold_count: 500 }).where('id', '=', shoes).execute();
    await db.updateTable('products').set({ sold_count: 400 }).where('id', '=', lantern).execute();
    const none = await get('/api/search?q=qqqxxyyzz');
    assert.equal(none.total, 0);
    assert.ok(none.noResults);
    assert.deepEqual(none.noResults.spellings, []);
    assert.deepEqual(
      none.noResults.categories.map((c) => c.slug),
      ['clothing', 'electronics', 'home-kitchen'],
    );
    assert.deepEqual(
      none.noResults.popular.slice(0, 2).map((p) => p.id),
      [shoes, lantern],
      'best sellers first',
    );
    assert.ok(none.noResults.popular.length <= 8);
    const asTyped = await get('/api/search?q=phto%20frme&exact=true');
    assert.deepEqual(asTyped.noResults?.spellings, ['photo frame'], 'did you mean, without searching it');
    assert.equal(asTyped.correctedQuery, null);
    const knownWord = await get('/api/search?q=phone&category=clothing');
    assert.deepEqual(knownWord.noResults?.spellings, [], 'a known word has no other spelling');
    assert.equal((await get('/api/search?q=phone')).noResults, null, 'results: nothing offered');
    assert.equal((await get('/api/search?q=phto')).noResults, null, 'corrected results: nothing offered');
  });
});
