// A shopper follows the seller's name from a product page to the store page (/s/<slug>) in Chromium,
// at phone and desktop widths: the store's facts, search, category filter, sort and pages inside
// the store ("Search instead for …" after a corrected search), "Message the seller" signed out
// (sign in, then back to write), and the pages a hidden store and an unknown address answer.
// Every page visited passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, newPage, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { STRONG_PASSWORD, signUpAndSignIn } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

// The fixture store ships to France: its listing shows only what ships to the header's country.
test('a store page from a product page, at phone and desktop widths', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 60, stores: 3, seed: 5 });
  await signUpAndSignIn(app, 'amina@example.com', STRONG_PASSWORD, 'Amina Berrada', base);
  await signUpAndSignIn(app, 'idris@example.com', STRONG_PASSWORD, 'Idris Seller', base);
  const store = await createFixtureStore(db, 'Atlas Lamp Makers', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  const seller = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'idris@example.com')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('stores')
    .set({ owner_user_id: seller.id, description: 'Brass lamps punched by hand in Fes.' })
    .where('id', '=', store.storeId)
    .execute();
  // 26 lamps and 4 garden lanterns: two pages of 24.
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Moroccan Lamp', price: 4500 });
  for (let i = 1; i <= 25; i++)
    await createFixtureProduct(db, store, { title: `Pierced Lamp No. ${i}`, price: 1000 + i * 100 });
  for (let i = 1; i <= 4; i++)
    await createFixtureProduct(db, store, { title: `Garden Lantern ${i}`, price: 2000 + i, category: 'garden' });

  for (const width of WIDTHS) {
    const page = await newPage(browser, width, { shipTo: 'FR' });
    await page.goto(`${base}/p/${lamp}`);
    await page.getByRole('heading', { name: 'Brass Moroccan Lamp', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Atlas Lamp Makers' }).click();
    await page.getByRole('heading', { name: 'Atlas Lamp Makers', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/s/atlas-lamp-makers');
    await page.getByText('Brass lamps punched by hand in Fes.').waitFor();
    await page.getByText('0 orders shipped').waitFor();
    await page.getByRole('status').filter({ hasText: '30 products' }).waitFor();
    assert.equal(await page.title(), 'Atlas Lamp Makers · Souk');
    await assertAccessible(page, `store page (${width.name})`);

    // Search inside the store, from the keyboard.
    await page.getByLabel('Search this store').fill('garden lantern');
    await page.getByLabel('Search this store').press('Enter');
    await page.getByRole('status').filter({ hasText: '4 products' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('q'), 'garden lantern');
    await assertAccessible(page, `store search (${width.name})`);

    // A typo inside the store is corrected as on the search page, and the words as typed stay one
    // keyboard press away, still inside the store.
    await page.getByLabel('Search this store').fill('garden lantrn');
    await page.getByLabel('Search this store').press('Enter');
    const corrected = page.getByRole('status').filter({ hasText: 'Showing results for' });
    await corrected.waitFor();
    assert.match(
      (await corrected.locator('.corrected-query').textContent()) ?? '',
      /^Showing results for garden lantern · Search instead for garden lantrn$/,
    );
    await page.getByRole('status').filter({ hasText: '4 products' }).waitFor();
    await assertAccessible(page, `corrected store search (${width.name})`);
    await page.getByRole('link', { name: 'Search instead for garden lantrn' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/exact=true/);
    await page.getByText('No products of this store match.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/s/atlas-lamp-makers');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'garden lantrn');
    assert.equal(await page.getByText('Showing results for').count(), 0);

    // Category filter and sort, kept in the address.
    await page.goto(`${base}/s/atlas-lamp-makers`);
    await page.getByRole('status').filter({ hasText: '30 products' }).waitFor();
    await page.getByLabel('Category').selectOption('garden');
    await page.getByRole('status').filter({ hasText: '4 products' }).waitFor();
    await page.getByLabel('Sort by').selectOption('price_desc');
    await page.waitForURL(/sort=price_desc/);
    // The new order replaces the old one after the URL changes: wait for it, not for its first card
    // (the cheapest-first and best-selling lists may start alike).
    const expected = ['Garden Lantern 4', 'Garden Lantern 3', 'Garden Lantern 2', 'Garden Lantern 1'];
    await page
      .waitForFunction(
        (want) =>
          [...document.querySelectorAll('.product-card-title')].map((e) => e.textContent?.trim()).join('|') ===
          want.join('|'),
        expected,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    const titles = await page.locator('.product-card-title').allTextContents();
    assert.deepEqual(titles, expected);
    assert.equal(new URL(page.url()).searchParams.get('category'), 'garden');

    // Pages.
    await page.goto(`${base}/s/atlas-lamp-makers`);
    await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    assert.equal(await page.locator('.product-card').count(), 6);
    await assertAccessible(page, `store page 2 (${width.name})`);

    // Every card's seller name leads to the store.
    await page.locator('.product-card-store').getByRole('link', { name: 'Atlas Lamp Makers' }).first().click();
    await page.waitForURL(`${base}/s/atlas-lamp-makers`);
    await page.context().close();
  }

  // "Message the seller", signed out: sign in, then write to the store itself.
  const buyer = await newPage(browser, WIDTHS[0], { shipTo: 'FR' });
  await buyer.goto(`${base}/s/atlas-lamp-makers`);
  await buyer.getByRole('link', { name: 'Message the seller' }).click();
  await buyer.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await buyer.getByLabel('Email').fill('amina@example.com');
  await buyer.getByLabel('Password').fill(STRONG_PASSWORD);
  await buyer.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await buyer.getByRole('heading', { name: 'Message Atlas Lamp Makers', level: 1 }).waitFor();
  // Members have "Saved items" in the header as guests do.
  await buyer.getByRole('banner').getByRole('link', { name: 'Saved items', exact: true }).waitFor();
  await assertAccessible(buyer, 'message the store');
  await buyer.getByLabel('Your message').fill('Do you make lamps to order?');
  await buyer.getByRole('button', { name: 'Send message' }).click();
  await buyer.getByRole('heading', { name: 'Conversation with Atlas Lamp Makers', level: 1 }).waitFor();
  await buyer.getByText('Do you make lamps to order?', { exact: true }).waitFor();

  // A store its seller hid, a closed one, and an unknown address: clear pages, at both widths.
  await db.updateTable('stores').set({ status: 'hidden' }).where('id', '=', store.storeId).execute();
  const gone = await createFixtureStore(db, 'Gone Fishing', []);
  await db.updateTable('stores').set({ status: 'closed' }).where('id', '=', gone.storeId).execute();
  for (const width of WIDTHS) {
    const page = await newPage(browser, width, { shipTo: 'FR' });
    await page.goto(`${base}/s/atlas-lamp-makers`);
    await page.getByRole('heading', { name: 'This store is closed for now', level: 1 }).waitFor();
    assert.equal(await page.getByText('Brass Moroccan Lamp').count(), 0);
    await assertAccessible(page, `hidden store (${width.name})`);
    await page.goto(`${base}/s/gone-fishing`);
    await page.getByRole('heading', { name: 'This store has closed', level: 1 }).waitFor();
    await assertAccessible(page, `closed store (${width.name})`);
    await page.goto(`${base}/s/no-such-store`);
    await page.getByRole('heading', { name: 'Store not found', level: 1 }).waitFor();
    await assertAccessible(page, `unknown store (${width.name})`);
    await page.goto(`${base}/s/Not_A_Slug`);
    await page.getByRole('heading', { name: 'Store not found', level: 1 }).waitFor();
    await page.context().close();
  }
});
