// Messages in Chromium: a signed-out visitor chooses "Message the seller" on a product page, signs
// in and comes straight back to write; the seller sees the unread conversation in the seller
// center and answers; the buyer sees the unread count next to "Messages" and reads the reply.
// Message text that looks like HTML is shown as typed. axe on every page visited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkipReason, startBrowserRun } from '../helpers/browser.ts';
import { STRONG_PASSWORD, signUpAndSignIn } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

const QUESTION = 'Is the lamp <b>dimmable</b>? <script>alert(1)</script>';
const ANSWER = 'Yes, it is dimmable.\nIt ships from Fes within 3 days.';

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  return page;
}

async function signIn(page: Page, email: string) {
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a buyer messages a seller and reads the reply in the browser', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  await signUpAndSignIn(app, 'amina@example.com', STRONG_PASSWORD, 'Amina Berrada', base);
  await signUpAndSignIn(app, 'idris@example.com', STRONG_PASSWORD, 'Idris Seller', base);
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  const seller = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'idris@example.com')
    .executeTakeFirstOrThrow();
  await db.updateTable('stores').set({ owner_user_id: seller.id }).where('id', '=', store.storeId).execute();
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500 });

  // Signed out on the product page: "Message the seller" asks to sign in, then comes back.
  const buyer = await newPage(browser);
  await buyer.goto(`${base}/p/${lamp}`);
  await buyer.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
  await assertAccessible(buyer, 'product page');
  await buyer.getByRole('link', { name: 'Message the seller' }).click();
  await assertAccessible(buyer, 'sign in');
  await signIn(buyer, 'amina@example.com');
  await buyer.getByRole('heading', { name: 'Message Atlas Lamps', level: 1 }).waitFor();
  assert.equal(new URL(buyer.url()).pathname, '/account/messages/new');
  await assertAccessible(buyer, 'new message');
  await buyer.getByLabel('Your message').fill(QUESTION);
  await buyer.getByRole('button', { name: 'Send message' }).click();
  await buyer.getByRole('heading', { name: 'Conversation with Atlas Lamps', level: 1 }).waitFor();
  const thread = buyer.getByRole('list', { name: 'Messages, oldest first' });
  await thread.getByText(QUESTION, { exact: true }).waitFor();
  assert.equal(
    await buyer.locator('.message-body b, .message-body script').count(),
    0,
    'the message is text, not HTML',
  );
  await buyer.getByRole('link', { name: 'Brass Lamp' }).waitFor();
  await assertAccessible(buyer, 'buyer conversation');

  // The seller: the seller center shows one unread message next to "Messages".
  const sellerPage = await newPage(browser);
  await sellerPage.goto(`${base}/seller/messages`);
  await signIn(sellerPage, 'idris@example.com');
  await sellerPage.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
  const sellerNav = sellerPage.getByRole('navigation', { name: 'Seller center' });
  const sellerMessagesLink = sellerNav.getByRole('link', { name: 'Messages', exact: true });
  await sellerPage.waitForFunction(() => document.getElementById('seller-unread')?.textContent === '1 unread message');
  assert.equal(await sellerMessagesLink.getAttribute('aria-describedby'), 'seller-unread');
  const conversations = sellerPage.getByRole('list', { name: 'Conversations' });
  await conversations.getByText('About Brass Lamp').waitFor();
  await assertAccessible(sellerPage, 'seller messages');
  await conversations.getByRole('link', { name: 'Amina Berrada' }).click();
  await sellerPage.getByRole('heading', { name: 'Conversation with Amina Berrada', level: 1 }).waitFor();
  await sellerPage.getByText(QUESTION, { exact: true }).waitFor();
  await sellerPage.waitForFunction(() => document.getElementById('seller-unread') === null);
  await assertAccessible(sellerPage, 'seller conversation');
  await sellerPage.getByLabel('Your message').fill(ANSWER);
  await sellerPage.getByRole('button', { name: 'Send' }).click();
  await sellerPage
    .getByRole('list', { name: 'Messages, oldest first' })
    .getByText('It ships from Fes within 3 days.', { exact: false })
    .waitFor();
  assert.equal(await sellerPage.getByLabel('Your message').inputValue(), '');
  await assertAccessible(sellerPage, 'seller conversation after replying');

  // The buyer: the unread count next to "Messages", the list, and the reply.
  await buyer.goto(`${base}/account`);
  const accountNav = buyer.getByRole('navigation', { name: 'Account' });
  await accountNav.getByRole('link', { name: 'Messages', exact: true }).waitFor();
  await buyer.waitForFunction(() => document.getElementById('account-unread')?.textContent === '1 unread message');
  assert.equal(
    await accountNav.getByRole('link', { name: 'Messages', exact: true }).getAttribute('aria-describedby'),
    'account-unread',
  );
  assert.equal(
    await buyer.getByRole('link', { name: 'Account', exact: true }).getAttribute('aria-describedby'),
    'header-unread',
  );
  await assertAccessible(buyer, 'account overview with an unread message');
  await accountNav.getByRole('link', { name: 'Messages', exact: true }).click();
  await buyer.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
  const list = buyer.getByRole('list', { name: 'Conversations' });
  await list.getByText('1 unread message').waitFor();
  assert.match(await list.innerText(), /It ships from Fes/);
  await assertAccessible(buyer, 'buyer messages');
  await list.getByRole('link', { name: 'Atlas Lamps' }).click();
  await buyer.getByRole('heading', { name: 'Conversation with Atlas Lamps', level: 1 }).waitFor();
  const messages = buyer.getByRole('list', { name: 'Messages, oldest first' }).getByRole('listitem');
  await messages.nth(1).getByText('It ships from Fes', { exact: false }).waitFor();
  assert.match(await messages.nth(0).innerText(), /^You/);
  assert.match(await messages.nth(1).innerText(), /^Atlas Lamps/);
  await buyer.waitForFunction(() => document.getElementById('account-unread') === null);
  await assertAccessible(buyer, 'buyer conversation with the reply');
});
