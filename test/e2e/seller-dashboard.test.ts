// The seller dashboard in Chromium (issue 19): /seller opens on it, its figures and charts read
// right, each chart's numbers are a table a keyboard opens, the period switches to 90 days, the CSV
// link downloads; axe passes at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { assertAccessible, browserSkipReason, signInPage, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { Client, STRONG_PASSWORD, tokenFrom, waitForMail } from '../helpers/app.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { createFixtureProduct } from '../helpers/catalog.ts';
import { createOrderOf, userIdOf } from '../helpers/posts.ts';

const EMAIL = 'dashboard.seller@example.com';
const DAY = 86_400_000;

async function accessibleAtBothWidths(page: Page, label: string): Promise<void> {
  for (const size of WIDTHS) {
    await page.setViewportSize(size.viewport);
    await assertAccessible(page, `${label} (${size.name})`);
  }
}

test('the seller dashboard in the browser', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const setup = new Client(server.app);
  const origin = { origin: server.url };
  await setup.post('/api/auth/sign-up', { email: EMAIL, password: STRONG_PASSWORD, displayName: 'Dana' }, origin);
  const token = tokenFrom(await waitForMail(server.app, EMAIL, /Verify your email/), '/verify-email');
  await setup.post('/api/auth/verify-email', { token }, origin);
  await setup.post('/api/auth/sign-in', { email: EMAIL, password: STRONG_PASSWORD }, origin);
  const opened = await setup.post('/api/stores', { name: 'Dana Ceramics', country: 'MA' }, origin);
  assert.equal(opened.statusCode, 201, opened.body);
  const storeId = (opened.json() as { id: string }).id;
  const profile = await db
    .insertInto('shipping_profiles')
    .values({ store_id: storeId, label: 'Post' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const vase = await createFixtureProduct(
    db,
    { storeId, profileId: profile.id },
    { title: 'Blue Vase', price: 2500, stock: 2 },
  );
  const sellerId = await userIdOf(db, EMAIL);
  // Two orders paid 2 days ago (one still to ship), one paid 10 days ago and not shipped: late.
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  for (const [daysAgo, total, status] of [
    [2, 2500, 'shipped'],
    [2, 5000, 'paid'],
    [10, 2500, 'paid'],
  ] as const) {
    const id = await createOrderOf(db, sellerId, storeId, [vase], status);
    const paidAt = new Date(today - daysAgo * DAY + 12 * 3600_000);
    await sql`update orders set paid_at = ${paidAt}, placed_at = ${paidAt}, total_minor = ${total} where id = ${id}`.execute(
      db,
    );
  }

  const page = await signInPage(browser, server.url, EMAIL, '/seller');
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Seller center' });
  assert.equal(await nav.getByRole('link', { name: 'Dashboard', exact: true }).getAttribute('aria-current'), 'page');
  // Every earlier seller page keeps its link and path.
  for (const label of ['Products', 'Orders', 'Messages', 'Shipping', 'Store settings'])
    await nav.getByRole('link', { name: label, exact: true }).waitFor();

  const figures = page.getByRole('list', { name: 'Your store at a glance' });
  await figures.getByText('1 late').waitFor();
  await figures.getByRole('link', { name: 'Blue Vase' }).waitFor();
  await page.getByText('Total $100.00 from').waitFor();
  await accessibleAtBothWidths(page, 'seller dashboard');

  // The sales chart's numbers as a table, opened by keyboard.
  const toggle = page.getByRole('button', { name: 'Show as table' }).first();
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.getByRole('button', { name: 'Show as chart' }).first().getAttribute('aria-expanded'), 'true');
  const table = page.getByRole('table', { name: 'Sales, per day' });
  await table.waitFor();
  assert.equal(await table.getByRole('row').count(), 1 + 30);
  const twoDaysAgo = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(
    new Date(today - 2 * DAY + 12 * 3600_000),
  );
  const row = table.getByRole('row', { name: new RegExp(twoDaysAgo) });
  assert.equal(await row.getByRole('cell').textContent(), '$75.00');
  await accessibleAtBothWidths(page, 'seller dashboard with a data table');

  // 90 days.
  await page.getByLabel('Last 90 days').check();
  assert.equal(await table.getByRole('row').count(), 1 + 90);

  // The CSV for accounting.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^orders-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
});
