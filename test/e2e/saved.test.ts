// A guest saves from a product card, follows the header's "Saved items" link (with its count) to
// /account/saved and sees the product with its price change and "Back in stock", finds it again
// under "Recently viewed" on the home and product pages, and clears that row; every page passes axe
// at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, browserSkipReason, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';

async function accessibleAtBothWidths(page: Page, label: string): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize(size.viewport);
    await assertAccessible(page, `${label} (${size.name})`);
  }
}

test('saved items and recently viewed in the browser', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Atlas Lamp Makers', [
    { country: 'FR', cost_minor: 0, min_days: 3, max_days: 6 },
  ]);
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Moroccan Lamp', price: 12000, stock: 0 });
  const rug = await createFixtureProduct(db, store, { title: 'Berber Wool Rug', price: 30000, stock: 2 });

  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => localStorage.setItem('souk.country', 'FR'));
  const page = await context.newPage();

  // Save from a card on the home page, by keyboard.
  await page.goto(server.url);
  const newArrivals = page.getByRole('region', { name: 'New arrivals' });
  const save = newArrivals.getByRole('button', { name: 'Save: Brass Moroccan Lamp' });
  await save.waitFor();
  assert.equal(await save.getAttribute('aria-pressed'), 'false');
  await save.focus();
  await page.keyboard.press('Enter');
  const saved = newArrivals.getByRole('button', { name: 'Saved: Brass Moroccan Lamp' });
  await saved.waitFor();
  assert.equal(await saved.getAttribute('aria-pressed'), 'true');
  await accessibleAtBothWidths(page, 'home with a saved product');
  // The header's "Saved items" link counts them, from the ids the cards already loaded.
  const headerSaved = page.getByRole('banner').getByRole('link', { name: 'Saved items', exact: true });
  await page.locator('#header-saved-count').waitFor({ state: 'attached' });
  assert.equal(await headerSaved.getAttribute('aria-describedby'), 'header-saved-count');
  assert.equal(await page.locator('#header-saved-count').textContent(), '1 product');

  // The product page shows it saved, and records the view.
  await page.getByRole('link', { name: 'Berber Wool Rug' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Berber Wool Rug' }).waitFor();
  await page.getByRole('button', { name: 'Save: Berber Wool Rug' }).waitFor();
  await page.goto(`${server.url}/p/${lamp}`);
  await page.getByRole('heading', { level: 1, name: 'Brass Moroccan Lamp' }).waitFor();
  await page.getByRole('main').getByRole('button', { name: 'Saved: Brass Moroccan Lamp' }).waitFor();
  const rowOnProduct = page.getByRole('region', { name: 'Recently viewed' });
  await rowOnProduct.getByRole('link', { name: 'Berber Wool Rug' }).waitFor();
  assert.equal(
    await rowOnProduct.getByRole('link', { name: 'Brass Moroccan Lamp' }).count(),
    0,
    'the product shown is left out of its own row',
  );
  await accessibleAtBothWidths(page, 'product page with recently viewed');

  // The lamp comes back in stock, cheaper.
  await db
    .updateTable('products')
    .set({ stock: 3, price_minor: 10000, current_price_minor: 10000 })
    .where('id', '=', lamp)
    .execute();
  // To the saved items from the header, by keyboard.
  await page.goto(`${server.url}/search`);
  await headerSaved.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Saved items' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/account/saved');
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Brass Moroccan Lamp' }) });
  await item.getByText('Back in stock').waitFor();
  await item.getByText('Price dropped by $20.00').waitFor();
  await accessibleAtBothWidths(page, 'saved items');

  // Home: "Recently viewed", newest first; clearing it empties it.
  await page.goto(server.url);
  const row = page.getByRole('region', { name: 'Recently viewed' });
  await row.getByRole('link', { name: 'Brass Moroccan Lamp' }).waitFor();
  const titles = await row.getByRole('link').allTextContents();
  assert.deepEqual(titles, ['Brass Moroccan Lamp', 'Berber Wool Rug']);
  await accessibleAtBothWidths(page, 'home with recently viewed');
  await row.getByRole('button', { name: 'Clear recently viewed' }).click();
  await page.getByRole('status').filter({ hasText: 'Your recently viewed products were cleared.' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Recently viewed' }).count(), 0);

  // Unsaving from the saved page.
  await page.goto(`${server.url}/account/saved`);
  await page.getByRole('button', { name: 'Saved: Brass Moroccan Lamp' }).click();
  await page.getByRole('button', { name: 'Save: Brass Moroccan Lamp' }).waitFor();
  assert.equal(await headerSaved.getAttribute('aria-describedby'), null, 'no count once nothing is saved');
  assert.deepEqual((await (await fetchSavedIds(page, server.url)).productIds) as string[], []);
});

async function fetchSavedIds(page: Page, base: string): Promise<{ productIds: string[] }> {
  return page.evaluate(async (url) => (await fetch(`${url}/api/saved/product-ids`)).json(), base);
}
