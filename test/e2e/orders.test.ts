// Orders in Chromium: the buyer finds a paid order in Account → Orders, the seller ships it and
// adds a scan, a signed-out visitor follows the parcel by its number and sees nobody's name or
// street, and the buyer cancels another order from its page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { assertAccessible, browserSkipReason, signInPage, startBrowserRun } from '../helpers/browser.ts';
import { type Client, STRONG_PASSWORD, signUpAndSignIn } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
  phone: '+33 6 12 34 56 78',
};
const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const CARD_DECLINED = { number: '4000 0000 0000 0002', expMonth: 12, expYear: 2035, cvc: '123' };
const PERSONAL = ['Amina', 'Berrada', 'Teinturiers', 'Lyon', '69001', '+33', 'amina@example.com'];

async function signUp(app: FastifyInstance, origin: string, email: string, displayName: string): Promise<Client> {
  return signUpAndSignIn(app, email, STRONG_PASSWORD, displayName, origin);
}

type Placed = { id: string; number: string; checkoutId: string };

/** Puts products in the buyer's cart and pays with a test card: one order, paid unless the card is declined. */
async function placeOrder(buyer: Client, lines: Array<[string, number]>, card = CARD_OK): Promise<Placed> {
  for (const [productId, quantity] of lines)
    assert.equal((await buyer.post('/api/cart/lines', { productId, quantity })).statusCode, 200);
  const quote = (await buyer.get('/api/checkout?country=FR')).json() as { total: { amount: number; currency: string } };
  const res = await buyer.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: ADDRESS,
    card,
    expectedTotal: quote.total,
  });
  assert.equal(res.statusCode, 201, res.body);
  const answer = res.json() as { checkout: { status: string }; orders: Placed[] };
  assert.equal(answer.checkout.status, card === CARD_OK ? 'paid' : 'awaiting_payment');
  assert.equal(answer.orders.length, 1);
  return answer.orders[0]!;
}

test('orders, fulfilment and public tracking in the browser', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });

  const buyer = await signUp(app, base, 'amina@example.com', 'Amina Berrada');
  await signUp(app, base, 'idris@example.com', 'Idris Seller');
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  const seller = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'idris@example.com')
    .executeTakeFirstOrThrow();
  await db.updateTable('stores').set({ owner_user_id: seller.id }).where('id', '=', store.storeId).execute();
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp <script>alert(1)</script>', price: 4500 });
  const rug = await createFixtureProduct(db, store, { title: 'Wool Rug', price: 12000 });
  await db
    .updateTable('products')
    .set({ offer_price_minor: 9000, offer_ends_at: new Date(Date.now() + 86400_000), current_price_minor: 9000 })
    .where('id', '=', rug)
    .execute();

  const first = await placeOrder(buyer, [
    [lamp, 2],
    [rug, 1],
  ]);
  const second = await placeOrder(buyer, [[lamp, 1]]);
  const dialogs: string[] = [];

  // The buyer: Account → Orders lists both, newest first; the first opens with its prices.
  const buyerPage = await signInPage(browser, base, 'amina@example.com', '/account/orders');
  buyerPage.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await buyerPage.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
  const orderList = buyerPage.getByRole('list', { name: 'Your orders' });
  await orderList.getByRole('link', { name: `Order ${first.number}` }).waitFor();
  await orderList.getByRole('link', { name: `Order ${second.number}` }).waitFor();
  const listText = await orderList.innerText();
  assert.ok(listText.indexOf(second.number) < listText.indexOf(first.number), 'newest first');
  assert.match(listText, /Atlas Lamps/);
  assert.match(listText, /\$187\.00 \(3 items\)/);
  assert.match(listText, /Paid/);
  await assertAccessible(buyerPage, 'account orders');

  await orderList.getByRole('link', { name: `Order ${first.number}` }).click();
  await buyerPage.getByRole('heading', { name: `Order ${first.number}`, level: 1 }).waitFor();
  const detail = buyerPage.getByRole('main');
  await detail.getByText('Brass Lamp <script>alert(1)</script>').waitFor();
  assert.equal(
    await detail.locator('del').filter({ hasText: '$120.00' }).count(),
    1,
    'the list price is struck through',
  );
  const detailText = await detail.innerText();
  for (const expected of [
    /Items before discount\s*\$210\.00/,
    /Discount\s*−\$30\.00/,
    /Shipping\s*\$7\.00/,
    /Total\s*\$187\.00/,
    /12 Rue des Teinturiers/,
    /France/,
    /Not shipped yet/,
  ]) {
    assert.match(detailText, expected);
  }
  await detail.getByRole('button', { name: 'Cancel order' }).waitFor();
  await assertAccessible(buyerPage, 'order detail (paid)');

  // The seller: "To ship" lists both; a number already used is refused next to its field.
  const sellerPage = await signInPage(browser, base, 'idris@example.com', '/seller/orders');
  await sellerPage.getByRole('heading', { name: 'Store orders', level: 1 }).waitFor();
  await sellerPage.getByRole('link', { name: 'To ship' }).and(sellerPage.locator('[aria-current="page"]')).waitFor();
  const firstCard = sellerPage.getByRole('listitem', { name: `Order ${first.number}` });
  const secondCard = sellerPage.getByRole('listitem', { name: `Order ${second.number}` });
  await firstCard.waitFor();
  await secondCard.waitFor();
  assert.match(await firstCard.innerText(), /12 Rue des Teinturiers/, 'the seller sees where to ship');
  await assertAccessible(sellerPage, 'seller orders (to ship)');

  await firstCard.getByLabel('Carrier').fill('Colissimo');
  await firstCard.getByLabel('Tracking number').fill('CP1');
  await firstCard.getByRole('button', { name: 'Mark as shipped' }).click();
  await firstCard.getByText('6 to 40 letters, digits or dashes').waitFor();
  assert.equal(await firstCard.getByLabel('Tracking number').getAttribute('aria-invalid'), 'true');
  await firstCard.getByLabel('Tracking number').fill('cp 1234 5678 9fr');
  await firstCard.getByRole('button', { name: 'Mark as shipped' }).click();
  await firstCard.getByText('Marked as shipped with Colissimo, tracking number CP123456789FR.').waitFor();
  await firstCard.getByRole('button', { name: 'In transit' }).click();
  await firstCard.getByText('Tracking event added: In transit.').waitFor();
  assert.equal(
    await firstCard.getByRole('button', { name: 'In transit' }).count(),
    0,
    'only scans ahead of the current one are offered',
  );
  await firstCard.getByRole('button', { name: 'Out for delivery' }).waitFor();

  await secondCard.getByLabel('Carrier').fill('DHL');
  await secondCard.getByLabel('Tracking number').fill('CP123456789FR');
  await secondCard.getByRole('button', { name: 'Mark as shipped' }).click();
  await secondCard.getByText('This tracking number is already used by another shipment.').waitFor();
  assert.equal(await secondCard.getByLabel('Tracking number').getAttribute('aria-invalid'), 'true');
  await assertAccessible(sellerPage, 'seller orders after shipping');

  await sellerPage.getByRole('link', { name: 'Shipped', exact: true }).click();
  await sellerPage
    .getByRole('list', { name: 'Orders: Shipped' })
    .getByRole('listitem', { name: `Order ${first.number}` })
    .waitFor();
  assert.equal(await secondCard.count(), 0, 'the unshipped order is not under "Shipped"');

  // Someone signed out, on a phone: footer link → /track → the parcel, with nobody's details.
  const guestContext = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const guest = await guestContext.newPage();
  await guest.goto(base);
  await guest.getByRole('navigation', { name: 'Footer' }).getByRole('link', { name: 'Track a parcel' }).click();
  await guest.getByRole('heading', { name: 'Track a parcel', level: 1 }).waitFor();
  await assertAccessible(guest, 'track form');
  await guest.getByRole('button', { name: 'Track' }).click();
  await guest.getByText('Enter a tracking number.').waitFor();
  await guest.getByLabel('Tracking number').fill('cp123456789fr');
  await guest.getByRole('button', { name: 'Track' }).click();
  await guest.waitForURL(`${base}/track/CP123456789FR`);
  await guest.getByRole('heading', { name: 'In transit' }).waitFor();
  const parcel = await guest.getByRole('main').innerText();
  assert.match(parcel, /Colissimo/);
  assert.match(parcel, /France/);
  assert.match(parcel, /Estimated delivery/);
  assert.match(parcel, /Shipped/);
  for (const personal of PERSONAL)
    assert.equal((await guest.content()).includes(personal), false, `the tracking page shows ${personal}`);
  await assertAccessible(guest, 'tracking page');

  await guest.goto(`${base}/track/ZZ0000000000`);
  await guest.getByRole('alert').getByText('We found no parcel with this number').waitFor();
  assert.equal(await guest.getByLabel('Tracking number').inputValue(), 'ZZ0000000000');
  await assertAccessible(guest, 'tracking page, unknown number');

  // The buyer sees the parcel on the order, then cancels the other order from its page.
  await buyerPage.reload();
  await buyerPage.getByRole('heading', { name: `Order ${first.number}`, level: 1 }).waitFor();
  await detail.getByRole('link', { name: 'CP123456789FR' }).waitFor();
  assert.match(await detail.innerText(), /In transit/);
  assert.equal(
    await detail.getByRole('button', { name: 'Cancel order' }).count(),
    0,
    'a shipped order cannot be cancelled',
  );

  await buyerPage.goto(`${base}/account/orders/${second.id}`);
  await buyerPage.getByRole('heading', { name: `Order ${second.number}`, level: 1 }).waitFor();
  await detail.getByRole('button', { name: 'Cancel order' }).click();
  await detail.getByText(`Cancel order ${second.number}? $52.00 will be refunded to your card.`).waitFor();
  await assertAccessible(buyerPage, 'order cancel confirmation');
  await detail.getByRole('button', { name: 'Keep order' }).click();
  await detail.getByRole('button', { name: 'Cancel order' }).click();
  await detail.getByRole('button', { name: 'Yes, cancel order' }).click();
  await buyerPage
    .getByRole('status')
    .getByText(`Order ${second.number} is cancelled. $52.00 will be refunded to your card.`)
    .waitFor();
  assert.match(await detail.innerText(), /Cancelled/);
  await assertAccessible(buyerPage, 'order detail (cancelled)');
  assert.equal((await buyer.get(`/api/orders/${second.id}`)).json().status, 'cancelled');
  assert.deepEqual(dialogs, [], 'no script from an item title ran');

  // An order whose card was declined waits for payment, with a way to pay.
  const unpaid = await placeOrder(buyer, [[rug, 1]], CARD_DECLINED);
  await buyerPage.goto(`${base}/account/orders/${unpaid.id}`);
  await buyerPage.getByRole('heading', { name: `Order ${unpaid.number}`, level: 1 }).waitFor();
  await detail.getByText('This order is awaiting payment.', { exact: false }).waitFor();
  assert.equal(
    await detail.getByRole('link', { name: 'Pay now' }).getAttribute('href'),
    `/checkout/pay/${unpaid.checkoutId}`,
  );
  await assertAccessible(buyerPage, 'order detail (awaiting payment)');

  // Someone without a store is pointed to opening one.
  await buyerPage.goto(`${base}/seller/orders`);
  await buyerPage.getByRole('heading', { name: 'Open your store' }).waitFor();
  await assertAccessible(buyerPage, 'seller orders without a store');
});
