// The cart through its HTTP API: guests need no account, bad input changes nothing, and signing
// in merges the guest cart into the account's cart (a fast-check model test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Client, createTestApp, signIn, signUpAndSignIn } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';

type Money = { amount: number; currency: string };
type Line = {
  productId: string;
  title: string;
  quantity: number;
  unitPrice: Money;
  listPrice: Money | null;
  lineTotal: Money;
  stock: number;
  problem: string | null;
  store: { id: string; name: string };
};
type Cart = { lines: Line[]; itemCount: number; subtotals: Money[] };

const quantities = (cart: Cart) => Object.fromEntries(cart.lines.map((l) => [l.productId, l.quantity]));

test('cart', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const storeA = await createFixtureStore(db, 'Cart Store A', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 5 },
  ]);
  const storeB = await createFixtureStore(db, 'Cart Store B', [
    { country: 'FR', cost_minor: 0, min_days: 1, max_days: 3 },
  ]);
  const lamp = await createFixtureProduct(db, storeA, { title: 'Brass Lamp', price: 4500, stock: 5 });
  const rug = await createFixtureProduct(db, storeB, { title: 'Wool Rug', price: 12000, stock: 200 });
  const gone = await createFixtureProduct(db, storeB, { title: 'Delisted Vase', price: 3000, status: 'delisted' });
  const empty = await createFixtureProduct(db, storeB, { title: 'Sold Out Bowl', price: 900, stock: 0 });
  const cartRows = async () =>
    Number(
      (
        await db
          .selectFrom('carts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const lineRows = async () =>
    Number(
      (
        await db
          .selectFrom('cart_lines')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  await t.test('a guest without a cart sees an empty one and gets no cookie', async () => {
    const guest = new Client(app);
    const res = await guest.get('/api/cart');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { country: null, lines: [], itemCount: 0, subtotals: [] });
    assert.equal(res.cookies.length, 0);
  });

  await t.test('a guest adds, changes and removes lines; the cart lives behind an HttpOnly cookie', async () => {
    const guest = new Client(app);
    const added = await guest.post('/api/cart/lines', { productId: lamp, quantity: 2 });
    assert.equal(added.statusCode, 200, added.body);
    assert.deepEqual(quantities(added.json() as Cart), { [lamp]: 2 }, 'the first answer already shows the new cart');
    const cookie = (
      added.cookies as Array<{ name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string }>
    ).find((c) => c.name === 'souk_cart');
    assert.ok(cookie, 'cart cookie set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
    const stored = await db
      .selectFrom('carts')
      .select('guest_token_hash')
      .where('guest_token_hash', 'is not', null)
      .execute();
    assert.ok(
      stored.every((c) => c.guest_token_hash !== cookie.value),
      'only the hash of the token is stored',
    );

    let cart = (await guest.post('/api/cart/lines', { productId: rug })).json() as Cart;
    assert.deepEqual(quantities(cart), { [lamp]: 2, [rug]: 1 });
    assert.equal(cart.itemCount, 3);
    assert.deepEqual(cart.subtotals, [{ amount: 2 * 4500 + 12000, currency: 'USD' }]);
    assert.equal(cart.lines[0]!.store.name, 'Cart Store A');
    assert.deepEqual(cart.lines[0]!.lineTotal, { amount: 9000, currency: 'USD' });

    cart = (await guest.post('/api/cart/lines', { productId: lamp, quantity: 1 })).json() as Cart;
    assert.equal(quantities(cart)[lamp], 3, 'adding again adds to the quantity');
    cart = (await guest.put(`/api/cart/lines/${rug}`, { quantity: 7 })).json() as Cart;
    assert.equal(quantities(cart)[rug], 7);
    cart = (await guest.delete(`/api/cart/lines/${lamp}`)).json() as Cart;
    assert.deepEqual(quantities(cart), { [rug]: 7 });

    const stranger = new Client(app);
    assert.deepEqual(
      (await stranger.get('/api/cart')).json(),
      { country: null, lines: [], itemCount: 0, subtotals: [] },
      'another browser sees nothing',
    );
    const forged = new Client(app);
    forged.cookies.set('souk_cart', 'A'.repeat(43));
    assert.deepEqual(((await forged.get('/api/cart')).json() as Cart).lines, [], 'a guessed token finds nothing');

    cart = (await guest.delete('/api/cart')).json() as Cart;
    assert.deepEqual(cart.lines, []);
  });

  await t.test('refused changes answer 4xx with a stable code and change nothing', async () => {
    const guest = new Client(app);
    await guest.post('/api/cart/lines', { productId: lamp, quantity: 4 });
    const before = { carts: await cartRows(), lines: await lineRows(), cart: (await guest.get('/api/cart')).json() };
    const cases: Array<[string, () => Promise<{ statusCode: number; json(): unknown }>, number, string]> = [
      [
        'more than in stock',
        () => guest.post('/api/cart/lines', { productId: lamp, quantity: 2 }),
        409,
        'OUT_OF_STOCK',
      ],
      ['set above stock', () => guest.put(`/api/cart/lines/${lamp}`, { quantity: 6 }), 409, 'OUT_OF_STOCK'],
      ['sold out', () => guest.post('/api/cart/lines', { productId: empty }), 409, 'OUT_OF_STOCK'],
      ['delisted', () => guest.post('/api/cart/lines', { productId: gone }), 409, 'PRODUCT_UNAVAILABLE'],
      [
        'unknown product',
        () => guest.post('/api/cart/lines', { productId: '00000000-0000-4000-8000-000000000000' }),
        404,
        'NOT_FOUND',
      ],
      ['not a uuid', () => guest.post('/api/cart/lines', { productId: 'lamp' }), 400, 'VALIDATION_FAILED'],
      ['zero', () => guest.put(`/api/cart/lines/${lamp}`, { quantity: 0 }), 400, 'VALIDATION_FAILED'],
      ['over 99', () => guest.put(`/api/cart/lines/${rug}`, { quantity: 100 }), 400, 'VALIDATION_FAILED'],
      ['fraction', () => guest.post('/api/cart/lines', { productId: rug, quantity: 1.5 }), 400, 'VALIDATION_FAILED'],
      [
        'string quantity',
        () => guest.post('/api/cart/lines', { productId: rug, quantity: '2' }),
        400,
        'VALIDATION_FAILED',
      ],
      ['unknown field', () => guest.post('/api/cart/lines', { productId: rug, price: 1 }), 400, 'VALIDATION_FAILED'],
      ['bad uuid in path', () => guest.delete('/api/cart/lines/xyz'), 400, 'VALIDATION_FAILED'],
      ['malformed json', () => guest.post('/api/cart/lines', '{"productId":'), 400, 'MALFORMED_JSON'],
      [
        'other origin',
        () => guest.post('/api/cart/lines', { productId: rug }, { origin: 'https://evil.example' }),
        403,
        'CSRF_REJECTED',
      ],
    ];
    for (const [name, run, status, code] of cases) {
      const res = await run();
      assert.equal(res.statusCode, status, name);
      assert.equal((res.json() as { error: { code: string } }).error.code, code, name);
    }
    const fresh = new Client(app);
    assert.equal((await fresh.post('/api/cart/lines', { productId: gone })).statusCode, 409);
    assert.equal(fresh.cookies.size, 0, 'a refused first add creates no cart and sets no cookie');
    assert.deepEqual(
      { carts: await cartRows(), lines: await lineRows(), cart: (await guest.get('/api/cart')).json() },
      before,
    );
  });

  await t.test('adding 99 of a product is the most, and a cart holds at most 50 products', async () => {
    const guest = new Client(app);
    assert.equal((await guest.put(`/api/cart/lines/${rug}`, { quantity: 99 })).statusCode, 200);
    const over = await guest.post('/api/cart/lines', { productId: rug });
    assert.equal(over.statusCode, 400);
    const many: string[] = [];
    for (let i = 0; i < 50; i++)
      many.push(await createFixtureProduct(db, storeA, { title: `Tile ${i}`, price: 100 + i }));
    for (const id of many.slice(0, 49))
      assert.equal((await guest.post('/api/cart/lines', { productId: id })).statusCode, 200);
    const full = await guest.post('/api/cart/lines', { productId: many[49] });
    assert.equal(full.statusCode, 409);
    assert.equal(full.json().error.code, 'LIMIT_REACHED');
    assert.equal((await guest.post('/api/cart/lines', { productId: rug, quantity: 0 })).statusCode, 400);
    assert.equal((await guest.delete(`/api/cart/lines/${many[0]}`)).statusCode, 200);
    assert.equal(
      (await guest.post('/api/cart/lines', { productId: many[49] })).statusCode,
      200,
      'room again after a removal',
    );
  });

  await t.test('lines show when stock ran out or the product went away, and do not count in the subtotal', async () => {
    const guest = new Client(app);
    const cup = await createFixtureProduct(db, storeA, { title: 'Tea Cup', price: 700, stock: 3 });
    const pot = await createFixtureProduct(db, storeA, { title: 'Tea Pot', price: 2100, stock: 3 });
    await guest.post('/api/cart/lines', { productId: cup, quantity: 3 });
    await guest.post('/api/cart/lines', { productId: pot, quantity: 1 });
    await db.updateTable('products').set({ stock: 1 }).where('id', '=', cup).execute();
    await db.updateTable('products').set({ status: 'delisted' }).where('id', '=', pot).execute();
    const cart = (await guest.get('/api/cart')).json() as Cart;
    assert.deepEqual(
      cart.lines.map((l) => [l.title, l.problem]),
      [
        ['Tea Cup', 'insufficient_stock'],
        ['Tea Pot', 'unavailable'],
      ],
    );
    assert.deepEqual(cart.subtotals, []);
    assert.equal(cart.itemCount, 4);
  });

  await t.test('the offer price applies in the cart, with the list price beside it', async () => {
    const guest = new Client(app);
    const kettle = await createFixtureProduct(db, storeA, { title: 'Copper Kettle', price: 8000 });
    await db
      .updateTable('products')
      .set({ offer_price_minor: 6000, offer_ends_at: new Date(Date.now() + 3600_000), current_price_minor: 6000 })
      .where('id', '=', kettle)
      .execute();
    const res = await guest.post('/api/cart/lines', { productId: kettle, quantity: 2 });
    assert.equal(res.statusCode, 200, res.body);
    const cart = res.json() as Cart;
    assert.deepEqual(cart.lines[0]!.unitPrice, { amount: 6000, currency: 'USD' });
    assert.deepEqual(cart.lines[0]!.listPrice, { amount: 8000, currency: 'USD' });
    assert.deepEqual(cart.lines[0]!.lineTotal, { amount: 12000, currency: 'USD' });
  });

  const buyer = 'cart-buyer@example.com';
  const account = await signUpAndSignIn(app, buyer);

  await t.test('signing in merges the guest cart into the account cart and clears the guest cookie', async () => {
    await account.delete('/api/cart');
    await account.post('/api/cart/lines', { productId: rug, quantity: 60 });
    await account.post('/api/cart/lines', { productId: lamp, quantity: 1 });
    const guest = new Client(app);
    await guest.post('/api/cart/lines', { productId: rug, quantity: 50 });
    const kettleLess = await createFixtureProduct(db, storeB, { title: 'Olive Bowl', price: 1500 });
    await guest.post('/api/cart/lines', { productId: kettleLess, quantity: 2 });
    const guestCarts = await cartRows();
    const res = await guest.post('/api/auth/sign-in', { email: buyer, password: 'amber-lantern-orbit-42' });
    assert.equal(res.statusCode, 200);
    assert.ok(!guest.cookies.has('souk_cart'), 'guest cookie cleared');
    assert.equal(await cartRows(), guestCarts - 1, 'the guest cart is gone');
    const merged = (await guest.get('/api/cart')).json() as Cart;
    assert.deepEqual(quantities(merged), { [rug]: 99, [lamp]: 1, [kettleLess]: 2 });
    assert.deepEqual(
      quantities((await account.get('/api/cart')).json() as Cart),
      quantities(merged),
      'every device of the account sees the same cart',
    );
  });

  await t.test('a signed-in browser that still holds a guest cookie merges on its next cart request', async () => {
    await account.delete('/api/cart');
    const guest = new Client(app);
    await guest.post('/api/cart/lines', { productId: lamp, quantity: 2 });
    const signedIn = await signIn(app, buyer);
    signedIn.cookies.set('souk_cart', guest.cookies.get('souk_cart')!);
    const cart = (await signedIn.get('/api/cart')).json() as Cart;
    assert.deepEqual(quantities(cart), { [lamp]: 2 });
    assert.ok(!signedIn.cookies.has('souk_cart'));
  });

  await t.test('property: any guest-cart operations followed by sign-in give the model merge', async () => {
    const products = [
      rug,
      ...(await Promise.all(
        ['Fig Jar', 'Date Box', 'Mint Tin', 'Rose Soap', 'Clay Pot'].map((title, i) =>
          createFixtureProduct(db, i % 2 ? storeA : storeB, { title, price: 1000 + i, stock: 1000 }),
        ),
      )),
    ];
    type Op =
      | { kind: 'add'; p: number; q: number }
      | { kind: 'set'; p: number; q: number }
      | { kind: 'remove'; p: number }
      | { kind: 'clear' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('add' as const),
          p: fc.nat(products.length - 1),
          q: fc.integer({ min: 1, max: 60 }),
        }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('set' as const),
          p: fc.nat(products.length - 1),
          q: fc.integer({ min: 1, max: 99 }),
        }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), p: fc.nat(products.length - 1) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
    );
    const apply = async (client: Client, model: Map<string, number>, o: Op) => {
      if (o.kind === 'clear') {
        model.clear();
        return client.delete('/api/cart');
      }
      const id = products[o.p]!;
      if (o.kind === 'remove') {
        model.delete(id);
        return client.delete(`/api/cart/lines/${id}`);
      }
      if (o.kind === 'set') {
        model.set(id, o.q);
        return client.put(`/api/cart/lines/${id}`, { quantity: o.q });
      }
      const wanted = (model.get(id) ?? 0) + o.q;
      if (wanted <= 99) model.set(id, wanted);
      return client.post('/api/cart/lines', { productId: id, quantity: o.q });
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { maxLength: 8 }),
        fc.array(op, { maxLength: 12 }),
        async (accountOps, guestOps) => {
          await account.delete('/api/cart');
          const accountModel = new Map<string, number>();
          for (const o of accountOps) await apply(account, accountModel, o);
          const guest = new Client(app);
          const guestModel = new Map<string, number>();
          for (const o of guestOps) {
            const res = await apply(guest, guestModel, o);
            assert.ok(res.statusCode === 200 || res.statusCode === 400, res.body);
          }
          assert.deepEqual(
            quantities((await guest.get('/api/cart')).json() as Cart),
            Object.fromEntries(guestModel),
            'guest cart equals the model',
          );
          const signedIn = await guest.post('/api/auth/sign-in', { email: buyer, password: 'amber-lantern-orbit-42' });
          assert.equal(signedIn.statusCode, 200);
          const expected = new Map(accountModel);
          for (const [id, q] of guestModel) expected.set(id, Math.min(99, (expected.get(id) ?? 0) + q));
          const merged = (await guest.get('/api/cart')).json() as Cart;
          assert.deepEqual(quantities(merged), Object.fromEntries(expected));
          assert.equal(merged.lines.length, new Set(merged.lines.map((l) => l.productId)).size, 'no duplicated lines');
        },
      ),
      { numRuns: 25 },
    );
  });
});
