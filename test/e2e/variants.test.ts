// A shopper chooses a product's options in Chromium, at phone and desktop widths: the card and the
// page show the price range, "Add to cart" waits for a full choice, the price and stock follow the
// choice (by mouse and by keyboard), a sold-out combination says so, and the cart shows the chosen
// variant. The seller adds a variant in the seller center. Every page visited passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible,
  browserSkipReason,
  newPage,
  signInPage,
  startBrowserRun,
  WIDTHS,
} from '../helpers/browser.ts';
import { STRONG_PASSWORD, signUpAndSignIn } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

test('choosing a product’s options, at phone and desktop widths', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  const seller = await signUpAndSignIn(app, 'nadia@example.com', STRONG_PASSWORD, 'Nadia Seller', base);
  const store = await createFixtureStore(db, 'Nadia Linen', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 5 },
  ]);
  const owner = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'nadia@example.com')
    .executeTakeFirstOrThrow();
  await db.updateTable('stores').set({ owner_user_id: owner.id }).where('id', '=', store.storeId).execute();
  const shirt = await createFixtureProduct(db, store, {
    title: 'Linen Shirt',
    price: 1500,
    currency: 'EUR',
    category: 'clothing',
  });
  for (const [colour, size, price, stock] of [
    ['Red', 'M', 1200, 3],
    ['Red', 'L', 1500, 2],
    ['Blue', 'M', 1800, 0],
  ] as const) {
    const res = await seller.post(`/api/seller/products/${shirt}/variants`, {
      options: [
        { name: 'Colour', value: colour },
        { name: 'Size', value: size },
      ],
      price,
      stock,
    });
    assert.equal(res.statusCode, 201, res.body);
  }

  for (const width of WIDTHS) {
    const page = await newPage(browser, width, { shipTo: 'FR' });

    // The card shows the range.
    await page.goto(`${base}/search?q=linen`);
    const card = page.locator('.product-card').filter({ hasText: 'Linen Shirt' });
    await card.waitFor();
    const cardPrice = (await card.locator('.price-current').textContent()) ?? '';
    assert.match(cardPrice, /€12\.00.*€18\.00/, cardPrice);
    await assertAccessible(page, `search with a price range (${width.name})`);

    await page.goto(`${base}/p/${shirt}`);
    await page.getByRole('heading', { name: 'Linen Shirt', level: 1 }).waitFor();
    const summary = page.locator('.product-summary');
    assert.match((await summary.locator('.price-current').textContent()) ?? '', /€12\.00.*€18\.00/);
    const add = page.getByRole('button', { name: 'Add to cart' });
    assert.equal(await add.getAttribute('aria-disabled'), 'true', 'no choice yet');
    await page.getByText('Choose a colour and size first').waitFor();
    await assertAccessible(page, `product with options (${width.name})`);

    // Colour by pointer, size by keyboard (a radio group: Space chooses, arrows move).
    await page
      .getByRole('group', { name: /Colour/ })
      .locator('label', { hasText: 'Red' })
      .click();
    await page.getByText('Choose a size first').waitFor();
    await page.getByRole('radio', { name: 'M', exact: true }).focus();
    await page.keyboard.press('Space');
    await summary.locator('.price-current', { hasText: '€12.00' }).waitFor();
    await page.getByText('In stock: 3').waitFor();
    assert.equal(await add.getAttribute('aria-disabled'), null, 'a full choice can be added');
    await page.keyboard.press('ArrowRight');
    await summary.locator('.price-current', { hasText: '€15.00' }).waitFor();
    await page.getByText('In stock: 2').waitFor();

    // A sold-out combination says so and cannot be added.
    await page
      .getByRole('group', { name: /Colour/ })
      .locator('label', { hasText: 'Blue' })
      .click();
    await page.getByText('This combination is not available').waitFor();
    await page.getByRole('group', { name: /Size/ }).locator('label', { hasText: 'M' }).click();
    await page.locator('.stock-out', { hasText: 'Out of stock' }).waitFor();
    assert.equal(await add.count(), 0);
    await assertAccessible(page, `sold-out variant (${width.name})`);

    await page
      .getByRole('group', { name: /Colour/ })
      .locator('label', { hasText: 'Red' })
      .click();
    await page.getByText('In stock: 3').waitFor();
    await page.getByLabel('Quantity').selectOption('2');
    await add.click();
    await page.getByRole('status').filter({ hasText: 'Added 2 to your cart.' }).waitFor();

    await page.goto(`${base}/cart`);
    const line = page.locator('.cart-line').filter({ hasText: 'Linen Shirt' });
    await line.getByText('Colour: Red · Size: M', { exact: true }).waitFor();
    assert.equal(await line.getByLabel(/Quantity of Linen Shirt \(Colour: Red · Size: M\)/).inputValue(), '2');
    await assertAccessible(page, `cart with a variant (${width.name})`);
    await page.context().close();
  }

  // The seller adds a variant in the seller center.
  const page = await signInPage(browser, base, 'nadia@example.com', `/seller/products/${shirt}`);
  await page.getByRole('heading', { name: 'Options and variants' }).waitFor();
  await page.getByRole('form', { name: 'Variant Colour: Red · Size: M' }).waitFor();
  const form = page.getByRole('form', { name: 'Add a variant' });
  await form.getByLabel('Colour').fill('Green');
  await form.getByLabel('Size').fill('S');
  await form.getByLabel(/Price/).fill('20.00');
  await form.getByLabel('Stock').fill('4');
  await form.getByRole('button', { name: 'Add variant' }).click();
  await page.getByRole('status').filter({ hasText: 'Colour: Green · Size: S added.' }).waitFor();
  await page.getByRole('form', { name: 'Variant Colour: Green · Size: S' }).waitFor();
  for (const width of WIDTHS) {
    await page.setViewportSize(width.viewport);
    await assertAccessible(page, `seller variants (${width.name})`);
  }
  // A duplicate is refused with the server's words.
  await form.getByLabel('Colour').fill('Green');
  await form.getByLabel('Size').fill('S');
  await form.getByRole('button', { name: 'Add variant' }).click();
  await page.getByText('This product already has a variant with these options.').waitFor();
});

test('a cart line from before its product had options asks for a size; the seller’s product list shows the range', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  const seller = await signUpAndSignIn(app, 'omar@example.com', STRONG_PASSWORD, 'Omar Seller', base);
  const buyer = await signUpAndSignIn(app, 'hind@example.com', STRONG_PASSWORD, 'Hind Buyer', base);
  const store = await createFixtureStore(db, 'Omar Wool', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 5 },
  ]);
  const owner = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'omar@example.com')
    .executeTakeFirstOrThrow();
  await db.updateTable('stores').set({ owner_user_id: owner.id }).where('id', '=', store.storeId).execute();
  const scarf = await createFixtureProduct(db, store, {
    title: 'Wool Scarf',
    price: 2500,
    currency: 'EUR',
    category: 'clothing',
  });
  assert.equal((await buyer.post('/api/cart/lines', { productId: scarf })).statusCode, 200);
  for (const [size, price] of [
    ['S', 2500],
    ['L', 2900],
  ] as const) {
    const res = await seller.post(`/api/seller/products/${scarf}/variants`, {
      options: [{ name: 'Size', value: size }],
      price,
      stock: 3,
    });
    assert.equal(res.statusCode, 201, res.body);
  }

  const shopper = await signInPage(browser, base, 'hind@example.com', '/cart');
  const sellerPage = await signInPage(browser, base, 'omar@example.com', '/seller/products');
  for (const width of WIDTHS) {
    await shopper.setViewportSize(width.viewport);
    await shopper.goto(`${base}/cart`);
    const line = shopper.locator('.cart-line').filter({ hasText: 'Wool Scarf' });
    await line.getByText(/now comes in options/).waitFor();
    assert.equal(await line.getByText(/No longer available/).count(), 0, 'not shown as unavailable');
    const choose = line.getByRole('link', { name: 'Choose a size of Wool Scarf' });
    assert.equal(await choose.getAttribute('href'), `/p/${scarf}`);
    assert.equal(await line.getByLabel(/Quantity of Wool Scarf/).isDisabled(), true);
    await assertAccessible(shopper, `cart line that needs a size (${width.name})`);

    await sellerPage.setViewportSize(width.viewport);
    await sellerPage.goto(`${base}/seller/products`);
    const row = sellerPage.locator('.seller-product').filter({ hasText: 'Wool Scarf' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /€25\.00.*€29\.00/, text);
    assert.match(text, /Stock: 6 · 2 variants/, text);
    await assertAccessible(sellerPage, `seller product list with a price range (${width.name})`);
  }
  await shopper.getByRole('link', { name: 'Choose a size of Wool Scarf' }).click();
  await shopper.getByRole('heading', { name: 'Wool Scarf', level: 1 }).waitFor();
  await shopper.getByRole('group', { name: /Size/ }).waitFor();
});
