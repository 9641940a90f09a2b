// Product variants (issue 18, decision 051) through the HTTP API: the seller center's editor and its
// refusals, the product page and cards, the cart and checkout per variant, the order's copy of the
// variant's options, and the migration that keeps every cart and order line written before it valid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { Client, createTestApp, createTestDatabase, signUpAndSignIn } from './helpers/app.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { readCartLines } from '../src/modules/cart/index.ts';

type Money = { amount: number; currency: string };
type VariantList = {
  optionNames: string[];
  variants: Array<{
    id: string;
    label: string;
    price: Money;
    stock: number;
    active: boolean;
    imageIndex: number | null;
  }>;
};
type Page = {
  price: Money;
  priceMax: Money | null;
  stock: number;
  options: Array<{ name: string; values: string[] }>;
  variants: Array<{
    id: string;
    options: string[];
    price: Money;
    originalPrice: Money | null;
    stock: number;
    imageUrl: string;
  }>;
};
type CartLine = {
  productId: string;
  variantId: string | null;
  variantLabel: string | null;
  quantity: number;
  unitPrice: Money;
  problem: string | null;
  imageUrl: string;
};
type Cart = { lines: CartLine[] };

const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
};
const opts = (colour: string, size: string) => [
  { name: 'Colour', value: colour },
  { name: 'Size', value: size },
];

test('product variants', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });

  const seller = await signUpAndSignIn(app, 'seller@example.com', undefined, 'Nadia');
  const rival = await signUpAndSignIn(app, 'rival@example.com', undefined, 'Rival');
  const buyer = await signUpAndSignIn(app, 'buyer@example.com', undefined, 'Amina');
  for (const [client, name] of [
    [seller, 'Nadia Knits'],
    [rival, 'Rival Knits'],
  ] as const) {
    assert.equal((await client.post('/api/stores', { name, country: 'MA' })).statusCode, 201);
  }
  const profileOf = async (client: Client) => {
    const res = await client.post('/api/seller/shipping-profiles', {
      label: 'Standard',
      rates: [{ country: 'FR', cost: 500, minDays: 2, maxDays: 5 }],
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const newProduct = async (client: Client, title: string, price = 1500, stock = 4) => {
    const res = await client.post('/api/seller/products', {
      title,
      category: 'clothing',
      price: { amount: price, currency: 'EUR' },
      stock,
      shippingProfileId: await profileOf(client),
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const shirt = await newProduct(seller, 'Linen Shirt');
  const mug = await newProduct(seller, 'Plain Mug', 900, 7);
  const rivalProduct = await newProduct(rival, 'Rival Shirt');
  const variantsUrl = `/api/seller/products/${shirt}/variants`;
  const variantRows = async () =>
    Number(
      (
        await db
          .selectFrom('product_variants')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  let list: VariantList;
  await t.test('the seller adds variants; the first sets the product’s options', async () => {
    let res = await seller.post(variantsUrl, { options: opts('Red', 'M'), price: 1200, stock: 3, sku: 'LS-RED-M' });
    assert.equal(res.statusCode, 201, res.body);
    res = await seller.post(variantsUrl, { options: opts('Red', 'L'), price: 1500, stock: 0 });
    assert.equal(res.statusCode, 201, res.body);
    res = await seller.post(variantsUrl, { options: opts('Blue', 'M'), price: 1800, stock: 5, imageIndex: 0 });
    assert.equal(res.statusCode, 201, res.body);
    list = res.json() as VariantList;
    assert.deepEqual(list.optionNames, ['Colour', 'Size']);
    assert.deepEqual(
      list.variants.map((v) => [v.label, v.price.amount, v.stock]),
      [
        ['Colour: Red · Size: M', 1200, 3],
        ['Colour: Red · Size: L', 1500, 0],
        ['Colour: Blue · Size: M', 1800, 5],
      ],
    );
    const product = (await seller.get(`/api/seller/products/${shirt}`)).json() as {
      price: Money;
      priceMax: Money | null;
      stock: number;
      variantCount: number;
    };
    assert.deepEqual(
      [product.price.amount, product.priceMax?.amount, product.stock, product.variantCount],
      [1200, 1800, 8, 3],
    );
  });

  await t.test('bad variants are refused with stable codes and change nothing', async () => {
    const before = await variantRows();
    const refusals: Array<[Client, string, unknown, number, string]> = [
      [seller, variantsUrl, { options: opts('Red', 'M'), price: 999, stock: 1 }, 409, 'VARIANT_EXISTS'],
      [seller, variantsUrl, { options: opts('Red', 'XL'), price: -1, stock: 1 }, 400, 'VALIDATION_FAILED'],
      [seller, variantsUrl, { options: opts('Red', 'XL'), price: 100, stock: -2 }, 400, 'VALIDATION_FAILED'],
      [
        seller,
        variantsUrl,
        { options: [{ name: 'Size', value: 'XL' }], price: 100, stock: 1 },
        400,
        'VARIANT_OPTIONS_MISMATCH',
      ],
      [
        seller,
        variantsUrl,
        { options: opts('Red', 'XL').reverse(), price: 100, stock: 1 },
        400,
        'VARIANT_OPTIONS_MISMATCH',
      ],
      [seller, variantsUrl, { options: [], price: 100, stock: 1 }, 400, 'VALIDATION_FAILED'],
      [seller, variantsUrl, { options: opts('  ', 'M'), price: 100, stock: 1 }, 400, 'VALIDATION_FAILED'],
      [
        seller,
        variantsUrl,
        { options: opts('Red', 'XL'), price: 100, stock: 1, surprise: true },
        400,
        'VALIDATION_FAILED',
      ],
      [
        seller,
        `/api/seller/products/${mug}/variants`,
        {
          options: [
            { name: 'Size', value: 'S' },
            { name: 'size', value: 'M' },
          ],
          price: 100,
          stock: 1,
        },
        400,
        'VALIDATION_FAILED',
      ],
      [rival, variantsUrl, { options: opts('Red', 'XL'), price: 100, stock: 1 }, 404, 'NOT_FOUND'],
      [
        seller,
        `/api/seller/products/${rivalProduct}/variants`,
        { options: opts('Red', 'XL'), price: 100, stock: 1 },
        404,
        'NOT_FOUND',
      ],
    ];
    for (const [client, url, body, status, code] of refusals) {
      const res = await client.post(url, body);
      assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal((res.json() as { error: { code: string } }).error.code, code);
    }
    const red = list.variants[0]!.id;
    const patch = await seller.patch(`${variantsUrl}/${red}`, { options: opts('Blue', 'M') });
    assert.equal(patch.statusCode, 409);
    assert.equal(patch.json().error.code, 'VARIANT_EXISTS');
    assert.equal(
      (await seller.patch(`${variantsUrl}/${randomUUID()}`, { stock: 1 })).json().error.code,
      'VARIANT_NOT_FOUND',
    );
    assert.equal((await seller.patch(`${variantsUrl}/${red}`, {})).statusCode, 400);
    assert.equal((await rival.delete(`${variantsUrl}/${red}`)).statusCode, 404);
    assert.equal((await seller.patch(`${variantsUrl}/not-a-uuid`, { stock: 1 })).statusCode, 400);
    // With variants, the product's own price and stock are theirs.
    const priced = await seller.patch(`/api/seller/products/${shirt}`, { price: { amount: 100, currency: 'EUR' } });
    assert.equal(priced.statusCode, 409);
    assert.equal(priced.json().error.code, 'PRICED_BY_VARIANTS');
    assert.equal(
      (await seller.patch(`/api/seller/products/${shirt}`, { stock: 1 })).json().error.code,
      'PRICED_BY_VARIANTS',
    );
    const unchanged = await seller.patch(`/api/seller/products/${shirt}`, {
      title: 'Linen Shirt',
      price: { amount: 1200, currency: 'EUR' },
      stock: 8,
    });
    assert.equal(unchanged.statusCode, 200, 'a whole form saved with the values it showed is fine');
    assert.equal(await variantRows(), before);
  });

  await t.test('the product page lists options and variants in one statement; cards show the range', async () => {
    const statements: string[] = [];
    const unwatch = app.souk.database.watchStatements?.((s) => statements.push(s.sql));
    {
      const res = await app.inject({ method: 'GET', url: `/api/products/${shirt}?country=FR` });
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as Page;
      assert.deepEqual(page.options, [
        { name: 'Colour', values: ['Red', 'Blue'] },
        { name: 'Size', values: ['M', 'L'] },
      ]);
      assert.deepEqual(
        page.variants.map((v) => [v.options.join('/'), v.price.amount, v.stock]),
        [
          ['Red/M', 1200, 3],
          ['Red/L', 1500, 0],
          ['Blue/M', 1800, 5],
        ],
      );
      assert.deepEqual([page.price.amount, page.priceMax?.amount, page.stock], [1200, 1800, 8]);
    }
    unwatch?.();
    // PGlite reports each statement it runs (PostgreSQL's pool does not): the page stays one, beside
    // the catalogue cache's version read (decision 056), which is all a kept page costs.
    const pageStatements = statements.filter((text) => !/from catalog_version/.test(text));
    if (unwatch) assert.equal(pageStatements.length, 1, `one statement for the page: ${statements.join('\n')}`);
    const plain = (await app.inject({ method: 'GET', url: `/api/products/${mug}` })).json() as Page;
    assert.deepEqual(
      [plain.options, plain.variants, plain.priceMax],
      [[], [], null],
      'a product without options is as before',
    );

    const found = (await app.inject({ method: 'GET', url: '/api/search?q=linen' })).json() as {
      items: Array<{ id: string; price: Money; priceMax: Money | null }>;
    };
    const card = found.items.find((i) => i.id === shirt);
    assert.ok(card, 'found by search');
    assert.deepEqual([card.price.amount, card.priceMax?.amount], [1200, 1800]);
  });

  await t.test('the cart needs a variant of this product, and checks its stock', async () => {
    const guest = new Client(app);
    const refusals: Array<[unknown, number, string]> = [
      [{ productId: shirt }, 400, 'VARIANT_REQUIRED'],
      [{ productId: shirt, variantId: randomUUID() }, 404, 'VARIANT_NOT_FOUND'],
      [{ productId: mug, variantId: list.variants[0]!.id }, 404, 'VARIANT_NOT_FOUND'],
      [{ productId: shirt, variantId: list.variants[1]!.id }, 409, 'OUT_OF_STOCK'],
      [{ productId: shirt, variantId: list.variants[0]!.id, quantity: 4 }, 409, 'OUT_OF_STOCK'],
      [{ productId: shirt, variantId: 'RED' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of refusals) {
      const res = await guest.post('/api/cart/lines', body);
      assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.code, code);
    }
    assert.equal(guest.cookies.size, 0, 'no cart was created');
  });

  let orderId = '';
  await t.test(
    'two variants are two lines; checkout takes each variant’s stock and the order keeps its options',
    async () => {
      const [redM, , blueM] = list.variants;
      assert.equal(
        (await buyer.post('/api/cart/lines', { productId: shirt, variantId: redM!.id, quantity: 2 })).statusCode,
        200,
      );
      assert.equal((await buyer.post('/api/cart/lines', { productId: shirt, variantId: blueM!.id })).statusCode, 200);
      assert.equal((await buyer.post('/api/cart/lines', { productId: mug })).statusCode, 200);
      let cart = (await buyer.put(`/api/cart/lines/${shirt}?variantId=${blueM!.id}`, { quantity: 2 })).json() as Cart;
      assert.deepEqual(
        cart.lines.map((l) => [l.variantLabel, l.quantity, l.unitPrice.amount]),
        [
          ['Colour: Red · Size: M', 2, 1200],
          ['Colour: Blue · Size: M', 2, 1800],
          [null, 1, 900],
        ],
      );
      assert.equal(cart.lines[1]!.imageUrl, `/api/products/${shirt}/images/0`);
      cart = (await buyer.request('DELETE', `/api/cart/lines/${shirt}?variantId=${redM!.id}`)).json() as Cart;
      assert.deepEqual(
        cart.lines.map((l) => l.variantLabel),
        ['Colour: Blue · Size: M', null],
        'only that variant’s line goes',
      );
      await buyer.post('/api/cart/lines', { productId: shirt, variantId: redM!.id, quantity: 1 });

      const quote = (await buyer.get('/api/checkout?country=FR')).json() as { total: Money; canPlace: boolean };
      assert.equal(quote.canPlace, true);
      const res = await buyer.post('/api/checkout', {
        idempotencyKey: randomUUID(),
        address: ADDRESS,
        card: CARD_OK,
        expectedTotal: quote.total,
      });
      assert.equal(res.statusCode, 201, res.body);
      const order = (
        res.json() as {
          orders: Array<{
            id: string;
            items: Array<{ variantId: string | null; variantLabel: string | null; quantity: number }>;
          }>;
        }
      ).orders[0]!;
      orderId = order.id;
      assert.deepEqual(
        order.items.map((i) => [i.variantLabel, i.quantity]),
        [
          ['Colour: Blue · Size: M', 2],
          [null, 1],
          ['Colour: Red · Size: M', 1],
        ],
      );
      const after = ((await seller.get(variantsUrl)).json() as VariantList).variants.map((v) => v.stock);
      assert.deepEqual(after, [2, 0, 3], 'each variant lost what was bought of it');
      const page = (await app.inject({ method: 'GET', url: `/api/products/${shirt}` })).json() as Page;
      assert.equal(page.stock, 5, 'the product’s total follows');
    },
  );

  await t.test(
    'the order keeps its variant’s options after the seller renames and deletes it; cancelling puts stock back',
    async () => {
      const [redM, , blueM] = list.variants;
      await seller.patch(`${variantsUrl}/${redM!.id}`, { options: opts('Crimson', 'M') });
      assert.equal((await seller.request('DELETE', `${variantsUrl}/${blueM!.id}`)).statusCode, 200);
      const order = (await buyer.get(`/api/orders/${orderId}`)).json() as {
        items: Array<{ variantId: string | null; variantLabel: string | null }>;
      };
      assert.deepEqual(
        order.items.map((i) => i.variantLabel),
        ['Colour: Blue · Size: M', null, 'Colour: Red · Size: M'],
      );
      assert.equal(order.items[0]!.variantId, null, 'the deleted variant is no longer linked');
      const sellerView = (await seller.get(`/api/seller/orders/${orderId}`)).json() as {
        items: Array<{ variantLabel: string | null }>;
      };
      assert.equal(sellerView.items[2]!.variantLabel, 'Colour: Red · Size: M');

      const cancelled = await buyer.post(`/api/orders/${orderId}/cancel`, {});
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      const stocks = ((await seller.get(variantsUrl)).json() as VariantList).variants.map((v) => [v.label, v.stock]);
      assert.deepEqual(stocks, [
        ['Colour: Crimson · Size: M', 3],
        ['Colour: Red · Size: L', 0],
      ]);
    },
  );

  await t.test('a running offer takes the same share off every variant', async () => {
    const [crimson] = list.variants;
    const ends = new Date(Date.now() + 86_400_000).toISOString();
    const offer = await seller.post(`/api/seller/products/${shirt}/offers`, { price: 900, endsAt: ends });
    assert.equal(offer.statusCode, 201, offer.body);
    const page = (await app.inject({ method: 'GET', url: `/api/products/${shirt}` })).json() as Page;
    assert.deepEqual(
      page.variants.map((v) => [v.price.amount, v.originalPrice?.amount]),
      [
        [900, 1200],
        [1125, 1500],
      ],
    );
    assert.deepEqual([page.price.amount, page.priceMax?.amount], [900, 1125]);
    const guest = new Client(app);
    const cart = (await guest.post('/api/cart/lines', { productId: shirt, variantId: crimson!.id })).json() as Cart;
    assert.equal(cart.lines[0]!.unitPrice.amount, 900, 'the cart charges what the page shows');
  });

  await t.test('deleting the last variant leaves a product without options', async () => {
    for (const v of ((await seller.get(variantsUrl)).json() as VariantList).variants)
      assert.equal((await seller.request('DELETE', `${variantsUrl}/${v.id}`)).statusCode, 200);
    const page = (await app.inject({ method: 'GET', url: `/api/products/${shirt}` })).json() as Page;
    assert.deepEqual([page.options, page.variants, page.priceMax, page.stock], [[], [], null, 0]);
    const restocked = await seller.patch(`/api/seller/products/${shirt}`, { stock: 6 });
    assert.equal(restocked.statusCode, 200, 'its stock is the seller’s to set again');
  });
});

test('migration 040 keeps every cart and order line written before it', async (t) => {
  const { database, drop } = await createTestDatabase();
  t.after(drop);
  const db = database.db;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error } = await migrator.migrateTo('039-search-synonyms');
  assert.equal(error, undefined);
  const { rows } = await sql<{ product: string; cart: string; order: string }>`
    with u as (insert into users (id, email, display_name) values ('u1', 'old@example.com', 'Old') returning id),
    c as (insert into categories (slug, name) values ('home', 'Home') returning slug),
    s as (insert into stores (name, country, slug) values ('Old Store', 'MA', 'old-store') returning id),
    sp as (insert into shipping_profiles (store_id, label) select id, 'Std' from s returning id, store_id),
    p as (insert into products (store_id, category_slug, shipping_profile_id, title, price_minor, current_price_minor, currency, stock, updated_at)
          select sp.store_id, 'home', sp.id, 'Old Lamp', 4500, 4500, 'EUR', 3, now() from sp returning id),
    ca as (insert into carts (guest_token_hash) values ('hash') returning id),
    l as (insert into cart_lines (cart_id, product_id, quantity) select ca.id, p.id, 2 from ca, p returning cart_id),
    ch as (insert into checkouts (buyer_user_id, idempotency_key, currency, total_minor) select id, 'k', 'EUR', 4500 from u returning id),
    o as (insert into orders (number, checkout_id, buyer_user_id, store_id, currency, items_minor, discount_minor, shipping_minor, total_minor,
            ship_full_name, ship_line1, ship_city, ship_country, delivery_min_days, delivery_max_days)
          select 'SK-OLD00001', ch.id, 'u1', s.id, 'EUR', 4500, 0, 0, 4500, 'Old', 'Street 1', 'Rabat', 'MA', 1, 2 from ch, s returning id),
    i as (insert into order_items (order_id, position, product_id, title, quantity, unit_price_minor, list_price_minor)
          select o.id, 0, p.id, 'Old Lamp', 1, 4500, 4500 from o, p returning order_id)
    select (select id from p) as product, (select cart_id from l) as cart, (select order_id from i) as order`.execute(
    db,
  );
  const before = rows[0]!;

  await migrateToLatest(db);

  const lines = await readCartLines(db, { guestHash: 'hash' });
  assert.deepEqual(
    lines.map((l) => [l.product_id, l.variant_id, l.quantity, l.listed, l.price_minor, l.stock, l.variant_label]),
    [[before.product, null, 2, true, 4500, 3, null]],
    'the cart line is the product itself, as before',
  );
  const items = await db
    .selectFrom('order_items')
    .select(['product_id', 'variant_id', 'variant_label', 'title'])
    .execute();
  assert.deepEqual(items, [{ product_id: before.product, variant_id: null, variant_label: null, title: 'Old Lamp' }]);
  // The line is still one per product (and variant): adding the same product again conflicts.
  await assert.rejects(
    sql`insert into cart_lines (cart_id, product_id, quantity) values (${before.cart}, ${before.product}, 1)`.execute(
      db,
    ),
    /duplicate key|unique/,
  );
  const product = await db.selectFrom('products').select(['option_names', 'price_max_minor']).executeTakeFirstOrThrow();
  assert.deepEqual(product, { option_names: [], price_max_minor: null });
});

test('variants: the seller center list, the account export, a cart line from before the options, the last variant', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const seller = await signUpAndSignIn(app, 'tailor@example.com', undefined, 'Tariq');
  const buyer = await signUpAndSignIn(app, 'shopper@example.com', undefined, 'Salma');
  assert.equal((await seller.post('/api/stores', { name: 'Tariq Tailors', country: 'MA' })).statusCode, 201);
  const profile = await seller.post('/api/seller/shipping-profiles', {
    label: 'Standard',
    rates: [{ country: 'FR', cost: 500, minDays: 2, maxDays: 5 }],
  });
  const shirtRes = await seller.post('/api/seller/products', {
    title: 'Kaftan Shirt',
    category: 'clothing',
    price: { amount: 3000, currency: 'EUR' },
    stock: 5,
    shippingProfileId: (profile.json() as { id: string }).id,
  });
  assert.equal(shirtRes.statusCode, 201, shirtRes.body);
  const shirt = (shirtRes.json() as { id: string }).id;
  const variantsUrl = `/api/seller/products/${shirt}/variants`;

  // The shopper puts the plain product in the cart; then the seller gives it sizes.
  assert.equal((await buyer.post('/api/cart/lines', { productId: shirt, quantity: 2 })).statusCode, 200);
  const size = (value: string) => [{ name: 'Size', value }];
  for (const [value, price, stock] of [
    ['S', 3000, 2],
    ['M', 3000, 4],
    ['L', 3600, 1],
  ] as const)
    assert.equal((await seller.post(variantsUrl, { options: size(value), price, stock })).statusCode, 201);
  const variants = ((await seller.get(variantsUrl)).json() as VariantList).variants;

  await t.test('the seller center’s product list shows the price range and the variants', async () => {
    const list = (await seller.get('/api/seller/products')).json() as {
      items: Array<{
        id: string;
        price: Money;
        priceMax: Money | null;
        currentPrice: Money;
        currentPriceMax: Money | null;
        stock: number;
        variantCount: number;
      }>;
    };
    const row = list.items.find((i) => i.id === shirt)!;
    assert.deepEqual(
      [row.price.amount, row.priceMax?.amount, row.currentPrice.amount, row.currentPriceMax?.amount, row.stock],
      [3000, 3600, 3000, 3600, 7],
    );
    assert.equal(row.variantCount, 3);
    const ends = new Date(Date.now() + 86_400_000).toISOString();
    assert.equal(
      (await seller.post(`/api/seller/products/${shirt}/offers`, { price: 2400, endsAt: ends })).statusCode,
      201,
    );
    const onOffer = ((await seller.get('/api/seller/products')).json() as typeof list).items.find(
      (i) => i.id === shirt,
    )!;
    assert.deepEqual(
      [onOffer.currentPrice.amount, onOffer.currentPriceMax?.amount, onOffer.priceMax?.amount],
      [2400, 2880, 3600],
      'the same share off the top of the range, as the product page shows',
    );
  });

  await t.test(
    'a cart line from before the product had options asks for one; checkout refuses it with 409 VARIANT_NOT_CHOSEN',
    async () => {
      const cart = (await buyer.get('/api/cart')).json() as { lines: Array<CartLine & { chooseOptions: string[] }> };
      assert.deepEqual(
        cart.lines.map((l) => [l.variantId, l.problem, l.chooseOptions]),
        [[null, 'choose_option', ['Size']]],
        'not "unavailable": the shopper chooses a size',
      );
      const quote = (await buyer.get('/api/checkout?country=FR')).json() as {
        canPlace: boolean;
        problems: Array<{ code: string; productId: string | null; message: string }>;
      };
      assert.equal(quote.canPlace, false);
      assert.deepEqual(quote.problems, [
        { code: 'VARIANT_NOT_CHOSEN', productId: shirt, storeId: null, message: quote.problems[0]!.message },
      ]);
      const stockBefore = ((await seller.get(variantsUrl)).json() as VariantList).variants.map((v) => v.stock);
      const placed = await buyer.post('/api/checkout', {
        idempotencyKey: randomUUID(),
        address: ADDRESS,
        card: CARD_OK,
        expectedTotal: { amount: 0, currency: 'EUR' },
      });
      assert.equal(placed.statusCode, 409, placed.body);
      assert.equal(placed.json().error.code, 'VARIANT_NOT_CHOSEN');
      assert.match(placed.json().error.message, /"Kaftan Shirt" now comes in options: choose its size/);
      assert.equal(
        Number(
          (
            await db
              .selectFrom('orders')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
        0,
        'no order',
      );
      assert.deepEqual(
        ((await seller.get(variantsUrl)).json() as VariantList).variants.map((v) => v.stock),
        stockBefore,
        'no stock taken',
      );
      // Choosing a size on the product page puts that variant in the cart; the old line can go.
      await buyer.post('/api/cart/lines', { productId: shirt, variantId: variants[1]!.id });
      const fixed = (await buyer.request('DELETE', `/api/cart/lines/${shirt}`)).json() as Cart;
      assert.deepEqual(
        fixed.lines.map((l) => [l.variantLabel, l.problem]),
        [['Size: M', null]],
      );
    },
  );

  await t.test(
    '“Download your data” has the seller’s variants with their products, and the cart’s and orders’ variants',
    async () => {
      const quote = (await buyer.get('/api/checkout?country=FR')).json() as { total: Money };
      const placed = await buyer.post('/api/checkout', {
        idempotencyKey: randomUUID(),
        address: ADDRESS,
        card: CARD_OK,
        expectedTotal: quote.total,
      });
      assert.equal(placed.statusCode, 201, placed.body);
      await buyer.post('/api/cart/lines', { productId: shirt, variantId: variants[2]!.id });

      const mine = (await buyer.get('/api/account/export')).json() as {
        cart: Array<{ product_id: string; title: string; variant_id: string | null; variant_label: string | null }>;
        orders: Array<{ items: Array<{ title: string; variantLabel: string | null }> }>;
      };
      assert.deepEqual(
        mine.cart.map((l) => [l.title, l.variant_id, l.variant_label]),
        [['Kaftan Shirt', variants[2]!.id, 'Size: L']],
      );
      assert.deepEqual(
        mine.orders.flatMap((o) => o.items.map((i) => [i.title, i.variantLabel])),
        [['Kaftan Shirt', 'Size: M']],
      );
      const theirs = (await seller.get('/api/account/export')).json() as {
        store: {
          products: Array<{
            id: string;
            option_names: string[];
            variants: Array<{
              label: string;
              option_values: string[];
              price_minor: number;
              stock: number;
              sku: string | null;
              active: boolean;
            }>;
          }>;
        };
      };
      const product = theirs.store.products.find((p) => p.id === shirt)!;
      assert.deepEqual(product.option_names, ['Size']);
      assert.deepEqual(
        product.variants.map((v) => [v.label, v.option_values, v.price_minor, v.stock, v.active]),
        [
          ['Size: S', ['S'], 3000, 2, true],
          ['Size: M', ['M'], 3000, 3, true],
          ['Size: L', ['L'], 3600, 1, true],
        ],
      );
    },
  );

  await t.test(
    'deleting the last variant makes a plain product at its price, out of stock until the seller sets it',
    async () => {
      // While one variant is left it is the product's price and stock.
      for (const v of variants.slice(0, 2))
        assert.equal((await seller.request('DELETE', `${variantsUrl}/${v.id}`)).statusCode, 200);
      // Deactivated, the last one keeps the options: the product is sold out, not a plain product.
      await seller.patch(`${variantsUrl}/${variants[2]!.id}`, { active: false });
      let product = (await seller.get(`/api/seller/products/${shirt}`)).json() as {
        price: Money;
        priceMax: Money | null;
        stock: number;
        optionNames: string[];
        variantCount: number;
      };
      assert.deepEqual([product.optionNames, product.stock, product.variantCount], [['Size'], 0, 1]);
      const stillPriced = await seller.patch(`/api/seller/products/${shirt}`, { stock: 3 });
      assert.equal(stillPriced.json().error.code, 'PRICED_BY_VARIANTS');
      await seller.patch(`${variantsUrl}/${variants[2]!.id}`, { active: true });

      const deleted = await seller.request('DELETE', `${variantsUrl}/${variants[2]!.id}`);
      assert.equal(deleted.statusCode, 200);
      assert.deepEqual(deleted.json(), { optionNames: [], variants: [] });
      product = (await seller.get(`/api/seller/products/${shirt}`)).json() as typeof product;
      assert.deepEqual(
        [product.optionNames, product.variantCount, product.price.amount, product.priceMax, product.stock],
        [[], 0, 3600, null, 0],
        'a plain product at the last variant’s price, with no stock nobody counted',
      );
      const page = (await app.inject({ method: 'GET', url: `/api/products/${shirt}` })).json() as Page;
      assert.deepEqual(
        [page.options, page.variants, page.price.amount, page.priceMax, page.stock],
        [[], [], 2400, null, 0],
      );
      const cart = (await buyer.get('/api/cart')).json() as Cart;
      assert.deepEqual(cart.lines, [], 'the cart line of the deleted variant went with it');
      const order = (await buyer.get('/api/orders')).json() as { items: Array<{ items?: unknown }> };
      assert.equal(order.items.length, 1, 'the order stays');
      assert.equal((await seller.patch(`/api/seller/products/${shirt}`, { stock: 6 })).statusCode, 200);
      assert.equal((await buyer.post('/api/cart/lines', { productId: shirt })).statusCode, 200, 'sold as it is again');
    },
  );
});
