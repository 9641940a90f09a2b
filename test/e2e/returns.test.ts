// Returns in Chromium (issue 19): the buyer asks to return an item of a delivered order from its
// page (with a photo), the seller refunds it from the store's orders page, and the buyer sees
// "Refunded" in the return's timeline; a return parcel is found on /track/<number> signed out.
// Each page is checked with axe at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  assertAccessible,
  browserSkipReason,
  newPage,
  signInPage,
  startBrowserRun,
  WIDTHS,
} from '../helpers/browser.ts';
import { STRONG_PASSWORD, signUpAndSignIn, type Client } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { PNG } from '../helpers/posts.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
};
const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };

/** axe on the page as it is now, at both widths. */
async function accessibleAtBothWidths(page: Page, label: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize(width.viewport);
    await assertAccessible(page, `${label} (${width.name})`);
  }
}

test('a return asked, refunded and followed in the browser', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  const buyer = await signUpAndSignIn(app, 'amina@example.com', STRONG_PASSWORD, 'Amina Berrada', base);
  const seller = await signUpAndSignIn(app, 'idris@example.com', STRONG_PASSWORD, 'Idris Seller', base);
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  const sellerId = (
    await db.selectFrom('users').select('id').where('email', '=', 'idris@example.com').executeTakeFirstOrThrow()
  ).id;
  await db.updateTable('stores').set({ owner_user_id: sellerId }).where('id', '=', store.storeId).execute();
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500 });

  let parcel = 0;
  async function deliveredOrder(client: Client): Promise<{ id: string; number: string }> {
    assert.equal((await client.post('/api/cart/lines', { productId: lamp, quantity: 2 })).statusCode, 200);
    const quote = (await client.get('/api/checkout?country=FR')).json() as {
      total: { amount: number; currency: string };
    };
    const res = await client.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      address: ADDRESS,
      card: CARD_OK,
      expectedTotal: quote.total,
    });
    assert.equal(res.statusCode, 201, res.body);
    const order = res.json().orders[0] as { id: string; number: string };
    parcel++;
    assert.equal(
      (
        await seller.post(`/api/seller/orders/${order.id}/ship`, {
          carrier: 'DHL',
          trackingNumber: `OUT${1000 + parcel}X`,
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (await seller.post(`/api/seller/orders/${order.id}/tracking`, { status: 'delivered' })).statusCode,
      200,
    );
    return order;
  }
  const order = await deliveredOrder(buyer);

  // The buyer asks from the order's page.
  const buyerPage = await signInPage(browser, base, 'amina@example.com', `/account/orders/${order.id}`);
  await buyerPage.getByRole('heading', { name: `Order ${order.number}` }).waitFor();
  await buyerPage.getByRole('button', { name: 'Return or refund' }).waitFor();
  await accessibleAtBothWidths(buyerPage, 'a delivered order');
  await buyerPage.getByRole('button', { name: 'Return or refund' }).click();
  await buyerPage.getByRole('button', { name: 'Send return request' }).click();
  await buyerPage.getByRole('alert').filter({ hasText: 'Choose at least one item to return.' }).waitFor();
  await buyerPage.getByLabel(/^Brass Lamp/).selectOption({ label: 'Return 1' });
  await buyerPage.getByLabel('Reason').selectOption({ label: 'Arrived damaged' });
  await buyerPage.getByLabel('Comment').fill('The shade arrived cracked.');
  await buyerPage.getByLabel('Photos').setInputFiles({ name: 'shade.png', mimeType: 'image/png', buffer: PNG });
  await accessibleAtBothWidths(buyerPage, 'the return form');
  await buyerPage.getByRole('button', { name: 'Send return request' }).click();
  await buyerPage
    .getByRole('status')
    .filter({ hasText: /Return RT-\w+ is sent to the seller\./ })
    .waitFor();
  const card = buyerPage.getByRole('article', { name: /^Return RT-/ });
  await card.getByText('Waiting for the seller').waitFor();
  await card.getByRole('img', { name: /Photo 1 of return/ }).waitFor();
  assert.equal(
    await card
      .getByRole('list', { name: /oldest first/ })
      .getByRole('listitem')
      .count(),
    1,
  );
  await accessibleAtBothWidths(buyerPage, 'the order with its return requested');

  // The seller refunds it from the store's orders page.
  const sellerPage = await signInPage(browser, base, 'idris@example.com', '/seller/orders');
  const waiting = sellerPage.getByRole('article', { name: /^Return RT-/ });
  await waiting.getByText('The shade arrived cracked.').waitFor();
  await waiting.getByRole('img', { name: /Photo 1 of return/ }).waitFor();
  await accessibleAtBothWidths(sellerPage, "the seller's returns waiting");
  await waiting.getByRole('button', { name: /^Refund without return/ }).click();
  await accessibleAtBothWidths(sellerPage, "the seller's refund confirmation");
  await waiting.getByRole('button', { name: /^Yes, refund now/ }).click();
  await sellerPage
    .getByRole('status')
    .filter({ hasText: /refunded/ })
    .waitFor();
  await sellerPage.getByText('No return is waiting for you.').waitFor();
  await accessibleAtBothWidths(sellerPage, "the seller's returns after the refund");

  // The buyer sees the refund in the timeline.
  await buyerPage.reload();
  const refunded = buyerPage.getByRole('article', { name: /^Return RT-/ });
  await refunded.getByText('Refunded', { exact: true }).first().waitFor();
  const timeline = refunded.getByRole('list', { name: /oldest first/ });
  assert.deepEqual(
    (await timeline.getByRole('listitem').allInnerTexts()).map((line) => line.split(/\s\(|\n| \d/)[0]!.trim()),
    ['Return requested', 'Accepted: refund without return', 'Refunded'],
  );
  assert.equal(await timeline.locator('time').count(), 3, 'each step is dated');
  assert.equal(await buyerPage.getByRole('button', { name: 'Withdraw return' }).count(), 0);
  await accessibleAtBothWidths(buyerPage, 'the order with its return refunded');

  // A return parcel is followed on /track/<number>, signed out.
  const second = await deliveredOrder(buyer);
  const asked = await buyer.post(`/api/orders/${second.id}/returns`, {
    items: [{ position: 0, quantity: 1 }],
    reason: 'wrong_item',
  });
  assert.equal(asked.statusCode, 201, asked.body);
  const accepted = await seller.post(`/api/seller/returns/${asked.json().id}/accept`, {
    mode: 'return',
    carrier: 'Colissimo',
    trackingNumber: 'RET-77001',
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
  const visitor = await newPage(browser, WIDTHS[0]);
  await visitor.goto(`${base}/track/RET-77001`);
  await visitor.getByRole('heading', { name: 'Return parcel RET-77001' }).waitFor();
  await visitor.getByRole('heading', { name: 'On its way back to the seller' }).waitFor();
  assert.ok(!(await visitor.content()).includes('Amina'), 'names nobody');
  await accessibleAtBothWidths(visitor, 'a return parcel on the tracking page');
});
