// Support in Chromium: a buyer asks support about an order from Account → Support, a support
// agent (role granted through the CLI's functions) answers in /admin, the buyer reads the answer;
// /admin refuses the signed-out and people without a role; the email-linked check shows the same
// screen for a known and an unknown address while each mailbox gets the right answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { assertAccessible, browserSkipReason, signInPage, startBrowserRun } from '../helpers/browser.ts';
import { type Client, STRONG_PASSWORD, mailsTo, signUpAndSignIn, waitForMail } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { grantRole } from '../../src/modules/roles/service.ts';

const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
  phone: '+33 6 12 34 56 78',
};
const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const SAME_SCREEN = 'If this address belongs to an account, we have sent it a message.';

async function placeOrder(buyer: Client, productId: string): Promise<{ id: string; number: string }> {
  assert.equal((await buyer.post('/api/cart/lines', { productId, quantity: 1 })).statusCode, 200);
  const quote = (await buyer.get('/api/checkout?country=FR')).json() as { total: { amount: number; currency: string } };
  const res = await buyer.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: ADDRESS,
    card: CARD_OK,
    expectedTotal: quote.total,
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { orders: Array<{ id: string; number: string }> }).orders[0]!;
}

test('support tickets, the admin console and the email-linked check in the browser', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });

  const buyer = await signUpAndSignIn(app, 'amina@example.com', STRONG_PASSWORD, 'Amina Berrada', base);
  await signUpAndSignIn(app, 'sam@example.com', STRONG_PASSWORD, 'Sam Support', base);
  await signUpAndSignIn(app, 'nora@example.com', STRONG_PASSWORD, 'Nora Nobody', base);
  assert.equal(await grantRole(db, 'sam@example.com', 'support'), true);
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500 });
  const order = await placeOrder(buyer, lamp);
  const dialogs: string[] = [];

  // The buyer: Account → Support → Contact support, about the order.
  const buyerPage = await signInPage(browser, base, 'amina@example.com', `/account/orders/${order.id}`);
  buyerPage.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // Signed in on the order's page, "Get help with this order" opens the form about that order.
  await buyerPage.getByRole('link', { name: 'Get help with this order' }).click();
  await buyerPage.getByRole('heading', { name: 'Contact support', level: 1 }).waitFor();
  await buyerPage.getByLabel('Order (optional)').locator(`option[value="${order.id}"]`).waitFor({ state: 'attached' });
  assert.equal(await buyerPage.getByLabel('Order (optional)').inputValue(), order.id);
  assert.equal(await buyerPage.getByLabel('What is it about?').inputValue(), 'order_problem');
  await buyerPage.goto(`${base}/account`);
  const accountNav = buyerPage.getByRole('navigation', { name: 'Account' });
  for (const label of ['Overview', 'Orders', 'Messages', 'Settings', 'Seller center', 'Support'])
    await accountNav.getByRole('link', { name: label, exact: true }).waitFor();
  assert.equal(await accountNav.getByRole('link', { name: 'Admin' }).count(), 0, 'no Admin link without a role');
  await accountNav.getByRole('link', { name: 'Support', exact: true }).click();
  await buyerPage.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
  await buyerPage.getByText('You have not contacted support yet.').waitFor();
  await assertAccessible(buyerPage, 'account support (empty)');

  await buyerPage.getByRole('link', { name: 'Contact support' }).click();
  await buyerPage.getByRole('heading', { name: 'Contact support', level: 1 }).waitFor();
  await buyerPage.getByLabel('Order (optional)').locator(`option[value="${order.id}"]`).waitFor({ state: 'attached' });
  await assertAccessible(buyerPage, 'contact support form');
  await buyerPage.getByRole('button', { name: 'Send to support' }).click();
  await buyerPage.getByLabel('What is it about?').and(buyerPage.locator(':invalid')).waitFor({ state: 'attached' });
  await buyerPage.getByLabel('What is it about?').selectOption('order_problem');
  await buyerPage.getByLabel('Order (optional)').selectOption(order.id);
  await buyerPage.getByLabel('Subject').fill('The lamp arrived broken <script>alert(1)</script>');
  await buyerPage.getByLabel('Message').fill('The glass is cracked.\nCan you help? <img src=x onerror=alert(2)>');
  await buyerPage.getByRole('button', { name: 'Send to support' }).click();
  const subject = 'The lamp arrived broken <script>alert(1)</script>';
  await buyerPage.getByRole('heading', { name: subject, level: 1 }).waitFor();
  await buyerPage
    .getByRole('status')
    .getByText(/Your request SUP-[A-Z2-9]{8} was sent/)
    .waitFor();
  const main = buyerPage.getByRole('main');
  await main.getByRole('link', { name: order.number }).waitFor();
  assert.match(await main.innerText(), /Open/);
  await assertAccessible(buyerPage, 'support request (new)');

  // Someone without a role is told plainly; someone signed out is sent to sign in.
  const nobody = await signInPage(browser, base, 'nora@example.com', '/admin');
  await nobody.getByRole('heading', { name: 'You do not have access', level: 1 }).waitFor();
  await assertAccessible(nobody, 'admin without a role');
  const guestContext = await browser.newContext({ locale: 'en-US' });
  const guest = await guestContext.newPage();
  await guest.goto(`${base}/admin/tickets`);
  await guest.waitForURL(`${base}/sign-in?next=%2Fadmin%2Ftickets`);

  // Support: /admin → Support tickets → the ticket → answer.
  const staffPage = await signInPage(browser, base, 'sam@example.com', '/account');
  await staffPage.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Admin' }).click();
  await staffPage.waitForURL(`${base}/admin/tickets`);
  await staffPage.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Support tickets' }).waitFor();
  await staffPage.getByRole('heading', { name: 'Support tickets', level: 1 }).waitFor();
  const openList = staffPage.getByRole('list', { name: 'Tickets: Open' });
  await openList.getByRole('link', { name: subject }).waitFor();
  assert.match(await openList.innerText(), /from Amina Berrada/);
  await assertAccessible(staffPage, 'admin tickets');
  await openList.getByRole('link', { name: subject }).click();
  await staffPage.getByRole('heading', { name: subject, level: 1 }).waitFor();
  const staffMain = staffPage.getByRole('main');
  assert.match(await staffMain.innerText(), /Amina Berrada \(amina@example\.com\)/);
  assert.match(await staffMain.innerText(), new RegExp(order.number));
  await staffMain.getByText('<img src=x onerror=alert(2)>', { exact: false }).waitFor();
  await assertAccessible(staffPage, 'admin ticket');
  await staffPage.getByLabel('Answer to the customer').fill('Sorry about that!\nA replacement lamp ships tomorrow.');
  await staffPage.getByRole('button', { name: 'Send answer' }).click();
  await staffPage.getByRole('status').getByText('Answer sent. The ticket is now “Waiting for customer”.').waitFor();
  await staffMain.getByText('Souk support (Sam Support)').waitFor();
  await assertAccessible(staffPage, 'admin ticket after answering');

  // The buyer gets a mail with a link, and reads the answer in the account.
  const mail = await waitForMail(app, 'amina@example.com', /Souk support answered your request SUP-/);
  const link = mail.text.match(/Read the answer: (\S+)/)![1]!;
  await buyerPage.goto(link);
  await buyerPage.getByRole('heading', { name: subject, level: 1 }).waitFor();
  const thread = buyerPage.getByRole('list', { name: 'Messages' });
  await thread.getByText('A replacement lamp ships tomorrow.', { exact: false }).waitFor();
  assert.match(await thread.innerText(), /Souk support/);
  assert.equal((await thread.innerText()).includes('Sam'), false, "the customer does not see the agent's name");
  assert.match(await main.innerText(), /Answered: waiting for you/);
  await assertAccessible(buyerPage, 'support request answered');
  await buyerPage.getByLabel('Your reply').fill('Thank you!');
  await buyerPage.getByRole('button', { name: 'Send reply' }).click();
  await buyerPage.getByRole('status').getByText('Your reply was sent.').waitFor();
  await thread.getByText('Thank you!').waitFor();
  await buyerPage.getByRole('link', { name: 'Back to support' }).click();
  const requests = buyerPage.getByRole('list', { name: 'Your support requests' });
  await requests.getByRole('link', { name: subject }).waitFor();
  assert.match(await requests.innerText(), /Open/);
  await assertAccessible(buyerPage, 'account support list');
  assert.deepEqual(dialogs, [], 'no script from a subject or message ran');

  // The open request about an order holds up deleting the account: the page says how to clear it,
  // the buyer closes it from the request's page, and it no longer stands in the way.
  await buyerPage.goto(`${base}/account/delete`);
  const blockers = buyerPage.locator('#blocked-reason');
  const ticketBlocker = blockers.getByRole('listitem').filter({ hasText: 'Your support request' });
  await ticketBlocker.waitFor();
  assert.match(await ticketBlocker.innerText(), /close it on the request page \("Close this request"\)/);
  await assertAccessible(buyerPage, 'delete account with blockers');
  await ticketBlocker.getByRole('link').click();
  await buyerPage.getByRole('heading', { name: subject, level: 1 }).waitFor();
  await buyerPage.getByRole('button', { name: 'Close this request' }).click();
  await buyerPage.getByRole('status').getByText('Your request is closed. Replying opens it again.').waitFor();
  assert.match(await main.innerText(), /Resolved/);
  assert.equal(await buyerPage.getByRole('button', { name: 'Close this request' }).count(), 0);
  await assertAccessible(buyerPage, 'support request closed by the customer');
  await buyerPage.goto(`${base}/account/delete`);
  await buyerPage.getByRole('heading', { name: 'Confirm', level: 2 }).waitFor();
  assert.equal(await buyerPage.locator('#blocked-reason').getByText('Your support request').count(), 0);

  // The email-linked check, from the footer: the same screen for a known and an unknown address.
  await guest.goto(base);
  await guest
    .getByRole('navigation', { name: 'Footer' })
    .getByRole('link', { name: 'Is my email still linked to an account?' })
    .click();
  await guest.getByRole('heading', { name: 'Is my email still linked to an account?', level: 1 }).waitFor();
  await assertAccessible(guest, 'email check form');
  const screens: string[] = [];
  for (const email of ['amina@example.com', 'gone@example.com']) {
    await guest.getByLabel('Email').fill(email);
    await guest.getByRole('button', { name: 'Check this address' }).click();
    await guest.getByRole('status').getByText(SAME_SCREEN, { exact: true }).waitFor();
    screens.push(await guest.getByRole('main').innerHTML());
    await assertAccessible(guest, `email check answer (${email === 'gone@example.com' ? 'unknown' : 'known'})`);
    await guest.getByRole('button', { name: 'Check another address' }).click();
  }
  assert.equal(screens[0], screens[1], 'the screen is the same for both addresses');
  const known = await waitForMail(app, 'amina@example.com', /A Souk account uses this address/);
  assert.match(known.text, /an account uses this address/);
  assert.match(known.text, /Sign in: http:\/\/127\.0\.0\.1:\d+\/sign-in/);
  const unknown = await waitForMail(app, 'gone@example.com', /No Souk account uses this address/);
  assert.match(unknown.text, /No account uses this address/);
  assert.equal((await mailsTo(app, 'gone@example.com')).length, 1);

  // The sign-in page links to the check too.
  await guest.goto(`${base}/sign-in`);
  await guest.getByRole('link', { name: 'Is my email still linked to an account?' }).first().waitFor();
});
