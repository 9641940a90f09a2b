// Shipping to where the shopper is, in Chromium at phone and desktop widths: a product page for a
// product that does not ship to the header's country says "Doesn't ship to <country>" as the
// description of a disabled "Add to cart" (reachable by keyboard, adding nothing); choosing a
// country it ships to enables it; the cart flags a line that cannot reach the chosen country.
// Every page visited passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkipReason, startBrowserRun } from '../helpers/browser.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

const WIDTHS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
  { name: 'desktop', viewport: { width: 1280, height: 900 }, isMobile: false },
] as const;

async function newPage(browser: Browser, width: (typeof WIDTHS)[number]): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
    viewport: width.viewport,
    isMobile: width.isMobile,
  });
  return context.newPage();
}

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
    await page.getByLabel('Ship to').selectOption('FR');
    await page.getByText('Ships to France: Free').waitFor();
    assert.equal(await page.getByText("Doesn't ship to", { exact: false }).count(), 0);
    assert.equal(await button.getAttribute('aria-disabled'), null);
    await button.click();
    await page.getByText('Added to your cart.').waitFor();

    // Back to the United States: the cart flags the line and blocks checkout.
    await page.getByLabel('Ship to').selectOption('US');
    await page.goto(`${base}/cart`);
    await page.getByRole('heading', { name: 'Cart', level: 1 }).waitFor();
    await page.getByText("Doesn't ship to United States. Remove it", { exact: false }).waitFor();
    await assertAccessible(page, `cart with a line that does not ship here (${width.name})`);
    await page.getByLabel('Ship to').selectOption('FR');
    await page.getByText("Doesn't ship to", { exact: false }).waitFor({ state: 'detached' });
    await page.context().close();
  }
});
