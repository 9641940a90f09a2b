// Shipping to where the shopper is, in Chromium at phone and desktop widths: a product page for a
// product that does not ship to the header's country says "Doesn't ship to <country>" as the
// description of a disabled "Add to cart" (reachable by keyboard, adding nothing); choosing a
// country it ships to enables it; the cart flags a line that cannot reach the chosen country.
// Every page visited passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, newPage, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

test('a product that does not ship to the chosen country, at phone and desktop widths', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 10, stores: 2, seed: 5 });
  const store = await createFixtureStore(db, 'Lyon Linen House', [
    { country: 'FR', cost_minor: 0, min_days: 2, max_days: 4 },
  ]);
  const towel = await createFixtureProduct(db, store, { title: 'Lyon Linen Towel', price: 1800 });

  for (const width of WIDTHS) {
    const page = await newPage(browser, width);
    // en-US: the header ships to the United States, where this product does not go.
    await page.goto(`${base}/p/${towel}`);
    await page.getByRole('heading', { name: 'Lyon Linen Towel', level: 1 }).waitFor();
    const button = page.getByRole('button', { name: 'Add to cart' });
    await page.getByText("Doesn't ship to United States", { exact: true }).waitFor();
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    const described = await button.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' '),
    );
    assert.equal(described, "Doesn't ship to United States");
    // Reachable by keyboard, and pressing it adds nothing.
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await page.getByText('Added to your cart.').count(), 0);
    await assertAccessible(page, `product that does not ship here (${width.name})`);

    // France: it ships there; the button works.
    await page.getByLabel('Ship to', { exact: true }).selectOption('FR');
    await page.getByText('Ships to France: Free').waitFor();
    assert.equal(await page.getByText("Doesn't ship to", { exact: false }).count(), 0);
    assert.equal(await button.getAttribute('aria-disabled'), null);
    await button.click();
    await page.getByText('Added to your cart.').waitFor();

    // Back to the United States: the cart flags the line and blocks checkout.
    await page.getByLabel('Ship to', { exact: true }).selectOption('US');
    await page.goto(`${base}/cart`);
    await page.getByRole('heading', { name: 'Cart', level: 1 }).waitFor();
    await page.getByText("Doesn't ship to United States. Remove it", { exact: false }).waitFor();
    await assertAccessible(page, `cart with a line that does not ship here (${width.name})`);
    await page.getByLabel('Ship to', { exact: true }).selectOption('FR');
    await page.getByText("Doesn't ship to", { exact: false }).waitFor({ state: 'detached' });
    await page.context().close();
  }
});

test('listings show what ships to the chosen country, and a visible toggle shows everything', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  const base = server.url;
  await db.insertInto('categories').values({ slug: 'lighting', name: 'Lighting' }).execute();
  const france = await createFixtureStore(db, 'Lyon Lights', [
    { country: 'FR', cost_minor: 0, min_days: 2, max_days: 4 },
  ]);
  const japan = await createFixtureStore(db, 'Kyoto Lights', [
    { country: 'JP', cost_minor: 900, min_days: 5, max_days: 9 },
  ]);
  await createFixtureProduct(db, france, { title: 'Lyon Silk Lamp', price: 3000, category: 'lighting' });
  await createFixtureProduct(db, japan, { title: 'Kyoto Paper Lamp', price: 2500, category: 'lighting' });
  const { slug } = await db
    .selectFrom('stores')
    .select('slug')
    .where('id', '=', japan.storeId)
    .executeTakeFirstOrThrow();

  for (const width of WIDTHS) {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: width.viewport,
      isMobile: width.isMobile,
    });
    await context.addInitScript(() => localStorage.setItem('souk.country', 'FR'));
    const page = await context.newPage();
    const results = page.getByRole('main');

    // The category page: only the French lamp until the toggle is on.
    await page.goto(`${base}/c/lighting`);
    await page.getByRole('status').filter({ hasText: '1 result' }).waitFor();
    await results.getByRole('link', { name: 'Lyon Silk Lamp' }).first().waitFor();
    assert.equal(await results.getByRole('link', { name: 'Kyoto Paper Lamp' }).count(), 0);
    await assertAccessible(page, `category filtered to France (${width.name})`);
    const toggle = page.getByRole('checkbox', { name: "Show items that don't ship to France" });
    await toggle.focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/shipsTo=all/);
    await page.getByRole('status').filter({ hasText: '2 results' }).waitFor();
    await results.getByRole('link', { name: 'Kyoto Paper Lamp' }).first().waitFor();
    await assertAccessible(page, `category with everything (${width.name})`);

    // The header's country moves the default filter: Japan shows the Kyoto lamp only.
    await page.keyboard.press('Space');
    await page.getByRole('status').filter({ hasText: '1 result' }).waitFor();
    await page.getByLabel('Ship to', { exact: true }).selectOption('JP');
    await results.getByRole('link', { name: 'Kyoto Paper Lamp' }).first().waitFor();
    await results.getByRole('link', { name: 'Lyon Silk Lamp' }).first().waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: "Show items that don't ship to Japan" }).waitFor();

    // A store page: its listing filtered the same way, with the same toggle.
    await page.getByLabel('Ship to', { exact: true }).selectOption('FR');
    await page.goto(`${base}/s/${slug}`);
    await page.getByRole('heading', { name: 'Kyoto Lights', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: '0 products' }).waitFor();
    await assertAccessible(page, `store page filtered to France (${width.name})`);
    await page.getByRole('checkbox', { name: "Show items that don't ship to France" }).check();
    await page.getByRole('status').filter({ hasText: '1 product' }).waitFor();
    await page.getByRole('link', { name: 'Kyoto Paper Lamp' }).first().waitFor();
    await context.close();
  }
});
