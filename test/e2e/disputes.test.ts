// Souk support decides a dispute in Chromium (issue 19): the /admin overview, the disputes queue,
// both sides of one dispute, a decision refused without a reason, then made; axe-clean at phone
// and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { assertAccessible, browserSkipReason, newPage, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { signUpAndSignIn, STRONG_PASSWORD, waitForMail } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { grantRole } from '../../src/modules/roles/index.ts';

const CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
};

test('staff decide a dispute in the browser', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  const seller = await signUpAndSignIn(app, 'seller@example.com', undefined, 'Seller', base);
  const buyer = await signUpAndSignIn(app, 'buyer@example.com', undefined, 'Amina', base);
  await signUpAndSignIn(app, 'staff@souk.example', undefined, 'Staff', base);
  await grantRole(db, 'staff@souk.example', 'staff');
  const sellerId = (
    await db.selectFrom('users').select('id').where('email', '=', 'seller@example.com').executeTakeFirstOrThrow()
  ).id;
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 4 },
  ]);
  await db.updateTable('stores').set({ owner_user_id: sellerId }).where('id', '=', store.storeId).execute();
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4000, stock: 100 });

  let parcel = 0;
  const openDispute = async () => {
    await buyer.delete('/api/cart');
    await buyer.post('/api/cart/lines', { productId: lamp, quantity: 1 });
    const res = await buyer.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      address: ADDRESS,
      card: CARD,
      expectedTotal: { amount: 4500, currency: 'USD' },
    });
    const orderId = res.json().orders[0].id as string;
    parcel++;
    await seller.post(`/api/seller/orders/${orderId}/ship`, { carrier: 'DHL', trackingNumber: `OUT${3000 + parcel}X` });
    await seller.post(`/api/seller/orders/${orderId}/tracking`, { status: 'delivered' });
    const ret = (
      await buyer.post(`/api/orders/${orderId}/returns`, { items: [{ position: 0, quantity: 1 }], reason: 'damaged' })
    ).json();
    await seller.post(`/api/seller/returns/${ret.id}/refuse`, { reason: 'Worked when shipped.' });
    await buyer.post(`/api/returns/${ret.id}/escalate`, { statement: 'It arrived broken.' });
    await buyer.post('/api/conversations', { orderId, body: 'The lamp came broken.' });
    return ret.number as string;
  };

  for (const width of WIDTHS) {
    const number = await openDispute();
    const page = await newPage(browser, width);
    await page.goto(`${base}/sign-in?next=${encodeURIComponent('/admin')}`);
    await page.getByLabel('Email').fill('staff@souk.example');
    await page.getByLabel('Password').fill(STRONG_PASSWORD);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page
      .getByText(/1 open/)
      .first()
      .waitFor();
    await assertAccessible(page, `admin overview (${width.name})`);
    await page.getByRole('main').getByRole('link', { name: 'Disputes' }).click();

    await page.getByRole('heading', { name: 'Disputes', level: 1 }).waitFor();
    await assertAccessible(page, `disputes queue (${width.name})`);
    await page.getByRole('link', { name: new RegExp(number) }).click();

    await page.getByRole('heading', { name: `Dispute ${number}`, level: 1 }).waitFor();
    await page.getByText('To Souk support: It arrived broken.').waitFor();
    await page.getByText('Refused: Worked when shipped.').waitFor();
    await page.getByText(/The lamp came broken\./).waitFor();
    await assertAccessible(page, `dispute (${width.name})`);

    // Without a reason the decision is refused, saying so; nothing is decided.
    await page.getByRole('button', { name: 'Decide' }).click();
    await page
      .getByRole('alert')
      .getByText(/Write the reason/)
      .waitFor();
    await assertAccessible(page, `dispute, reason missing (${width.name})`);

    // By keyboard: the outcome radio group, the reason, Enter on the button.
    await page.getByLabel('No refund').focus();
    await page.keyboard.press('Space');
    assert.equal(await page.getByLabel('No refund').isChecked(), true);
    await page.getByLabel('Reason').fill('The lamp shows months of use.');
    await page.getByRole('button', { name: 'Decide' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Decided: no refund. Both sides were mailed.').waitFor();
    await page.getByText('Decision reason: The lamp shows months of use.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Decide' }).count(), 0, 'a decided dispute has no form');
    await assertAccessible(page, `dispute decided (${width.name})`);
    await waitForMail(app, 'buyer@example.com', new RegExp(`^Souk support decided: ${number}`));
    await page.context().close();
  }
});
