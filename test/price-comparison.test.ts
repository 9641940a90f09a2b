// Price sorts and filters across currencies (issue 20, decision 060), through GET /api/search on a
// real database: a price-sorted listing is in the order of the exact conversions (convertMinor) to
// the rates' base, with and without words (the prepared listing and the search statement), and a
// price filter in a currency's real minor units keeps exactly the products whose price converted to
// it is within the bounds, also right after a new rate set is recorded (which rewrites every product's
// comparable price and moves the catalogue's version, so no kept answer is stale).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Client, createTestApp } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { convertMinor, parseRate, rateBookOf } from '../src/modules/currency/index.ts';
import { parseMajorPrice, readBrowseState, toSearchQuery } from '../web/src/features/catalog/browse-params.ts';
import { currencyDigits } from '../web/src/lib/format.ts';

const CURRENCIES = ['EUR', 'USD', 'JPY', 'BHD', 'KWD', 'GBP'] as const;
type Currency = (typeof CURRENCIES)[number];
type Card = { id: string; price: { amount: number; currency: string } };

// Rates from 0.01 to 10,000 with up to four places: a price of at most 5,000,000 minor units stays a
// safe integer in every currency (convertMinor throws beyond; the database keeps the largest bigint).
const rateArb = fc.integer({ min: 100, max: 100_000_000 }).map((n) => {
  const text = String(n).padStart(5, '0');
  return `${text.slice(0, -4)}.${text.slice(-4)}`.replace(/\.?0+$/, '');
});

const ratesArb = fc.record({
  base: fc.constantFrom<Currency>(...CURRENCIES),
  rates: fc.tuple(...CURRENCIES.map(() => rateArb)),
});

const productsArb = fc.array(
  fc.record({ currency: fc.constantFrom<Currency>(...CURRENCIES), price: fc.integer({ min: 1, max: 5_000_000 }) }),
  { minLength: 1, maxLength: 24 },
);

test('price sorts and filters compare exact conversions across currencies', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Every Currency', []);
  const client = new Client(app);
  const today = new Date().toISOString().slice(0, 10);
  let run = 0;

  const recordRates = async (set: { base: Currency; rates: string[] }) => {
    const rates: Record<string, string> = {};
    CURRENCIES.forEach((code, i) => {
      if (code !== set.base) rates[code] = set.rates[i]!;
    });
    // A different day each time, so the set is always recorded (an equal set would not be).
    const asOf = new Date(Date.now() - (run % 300) * 86_400_000).toISOString().slice(0, 10);
    await rateBookOf(db).record({ base: set.base, asOf: asOf > today ? today : asOf, rates }, 'staff');
    const rateOf = (code: string) => parseRate(code === set.base ? '1' : rates[code]!)!;
    return {
      base: set.base,
      convert: (amount: number, from: string, to: string) =>
        convertMinor(amount, { currency: from, rate: rateOf(from) }, { currency: to, rate: rateOf(to) }),
    };
  };
  const search = async (query: string) => {
    const res = await client.get(`/api/search?pageSize=48&shipsTo=&${query}`.replace('shipsTo=&', ''));
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: Card[] }).items.map((c) => c.id);
  };

  await t.test('the order of a price sort is the order of the exact conversions; the filter is exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        productsArb,
        ratesArb,
        fc.boolean(),
        fc.constantFrom<Currency>(...CURRENCIES),
        fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 2_000_000 })),
        async (products, set, ratesFirst, priceCurrency, [a, b]) => {
          run++;
          await db.deleteFrom('products').execute();
          const word = `cur${run}x`;
          let rates = ratesFirst ? await recordRates(set) : undefined;
          const made: Array<{ id: string; currency: string; price: number }> = [];
          for (const p of products) {
            const id = await createFixtureProduct(db, store, {
              title: `Thing ${word}`,
              price: p.price,
              currency: p.currency,
            });
            made.push({ id, ...p });
          }
          if (!rates) {
            await search('sort=price_asc'); // kept by the catalogue cache: the new set must move its version
            rates = await recordRates(set);
          }
          const r = rates;
          const inBase = (p: (typeof made)[number]) => r.convert(p.price, p.currency, r.base);
          const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
          const ascending = [...made].sort((x, y) => inBase(x) - inBase(y) || byId(x, y)).map((p) => p.id);
          const descending = [...made].sort((x, y) => inBase(y) - inBase(x) || byId(x, y)).map((p) => p.id);
          assert.deepEqual(await search('sort=price_asc'), ascending, 'listing, ascending');
          assert.deepEqual(await search('sort=price_desc'), descending, 'listing, descending');
          assert.deepEqual(await search(`q=${word}&sort=price_asc`), ascending, 'search, ascending');

          const [min, max] = a <= b ? [a, b] : [b, a];
          const within = made
            .filter((p) => {
              const converted = r.convert(p.price, p.currency, priceCurrency);
              return converted >= min && converted <= max;
            })
            .sort((x, y) => inBase(x) - inBase(y) || byId(x, y))
            .map((p) => p.id);
          const bounds = `minPrice=${min}&maxPrice=${max}&priceCurrency=${priceCurrency}`;
          assert.deepEqual(await search(`${bounds}&sort=price_asc`), within, 'filter in priceCurrency');
          const inBaseWithin = made.filter((p) => inBase(p) >= min).map((p) => p.id);
          assert.deepEqual(
            (await search(`minPrice=${min}&sort=price_asc`)).sort(),
            inBaseWithin.sort(),
            'filter in the base by default',
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  await t.test('a bound on the edge: exactly the products that round into it', async () => {
    await db.deleteFrom('products').execute();
    const r = await recordRates({ base: 'EUR', rates: ['1', '1.16', '180', '0.4371', '0.3571', '0.87'] });
    // ¥1,000 at 180 JPY per euro and 1.16 USD: $6.444… → 644 cents; ¥1,001 → 6.45 (644.888…).
    const cheap = await createFixtureProduct(db, store, { title: 'Yen cheap', price: 1000, currency: 'JPY' });
    const dear = await createFixtureProduct(db, store, { title: 'Yen dear', price: 1001, currency: 'JPY' });
    assert.equal(r.convert(1000, 'JPY', 'USD'), 644);
    assert.equal(r.convert(1001, 'JPY', 'USD'), 645);
    assert.deepEqual(await search('minPrice=645&priceCurrency=USD'), [dear]);
    assert.deepEqual(await search('maxPrice=644&priceCurrency=USD'), [cheap]);
    // Three decimals: 1,000 JPY is 2.428 BHD (2428.33…); 2.429 BHD and up leaves it out.
    assert.equal(r.convert(1000, 'JPY', 'BHD'), 2428);
    assert.deepEqual(await search('minPrice=2428&maxPrice=2428&priceCurrency=BHD'), [cheap]);
  });

  await t.test('the web filter sends bounds in the display currency’s real minor units: JPY, EUR, BHD', async () => {
    assert.equal(parseMajorPrice('1500', 0), 1500);
    assert.equal(parseMajorPrice('15.5', 0), null, 'yen have no decimals');
    assert.equal(parseMajorPrice('12,50', 2), 1250);
    assert.equal(parseMajorPrice('9.999', 2), null);
    assert.equal(parseMajorPrice('2.5', 3), 2500);
    assert.equal(parseMajorPrice('7.125', 3), 7125);
    await db.deleteFrom('products').execute();
    const r = await recordRates({ base: 'EUR', rates: ['1', '1.16', '180', '0.4371', '0.3571', '0.87'] });
    const made: Array<{ id: string; currency: string; price: number }> = [];
    for (const [currency, price] of [
      ['EUR', 1999],
      ['USD', 2500],
      ['JPY', 3600],
      ['BHD', 9125],
      ['KWD', 7000],
      ['GBP', 1740],
    ] as const)
      made.push({
        id: await createFixtureProduct(db, store, { title: `In ${currency}`, price, currency }),
        currency,
        price,
      });
    for (const [display, min, max] of [
      ['JPY', '3000', '4500'],
      ['EUR', '19.99', '25'],
      ['BHD', '8.7', '9.125'],
    ] as const) {
      const digits = currencyDigits(display);
      const state = readBrowseState(new URLSearchParams({ min, max }), undefined, digits);
      const query = toSearchQuery(state, 'FR', { code: display, digits });
      assert.equal(query.priceCurrency, display);
      assert.equal(query.minPrice, parseMajorPrice(min, digits));
      const params = new URLSearchParams(
        Object.entries({ ...query, sort: 'price_asc' })
          .filter(([key]) => !['shipsTo', 'page', 'pageSize'].includes(key))
          .map(([key, value]) => [key, String(value)]),
      );
      const expected = made
        .filter((p) => {
          const converted = r.convert(p.price, p.currency, display);
          return converted >= query.minPrice! && converted <= query.maxPrice!;
        })
        .sort(
          (x, y) =>
            r.convert(x.price, x.currency, 'EUR') - r.convert(y.price, y.currency, 'EUR') || (x.id < y.id ? -1 : 1),
        )
        .map((p) => p.id);
      assert.ok(expected.length > 0, `${display}: the bounds hold something`);
      assert.deepEqual(await search(params.toString()), expected, display);
    }
  });

  await t.test('bad bounds or currency: 400 with a stable code', async () => {
    for (const query of [
      'minPrice=10&maxPrice=5',
      'minPrice=-1',
      'maxPrice=1.5',
      'priceCurrency=usd',
      'priceCurrency=XYZ',
      'priceCurrency=CHF&minPrice=1',
    ]) {
      const res = await client.get(`/api/search?${query}`);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED', query);
    }
  });
});
