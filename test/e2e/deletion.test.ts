// "Delete account" in Chromium, the person's part: Settings → Edit profile → "Delete account",
// the consequences with their numbers, the typed email, a reason, the red "Deactivate my account",
// the reference; the receipt mail's "This wasn't me" stops it. Management then erases a second
// person; the server's log of the whole run holds none of the personal values or secrets it used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible,
  browserSkipReason,
  openLatestMail,
  signInPage,
  startBrowserRun,
} from '../helpers/browser.ts';
import { randomUUID } from 'node:crypto';
import { Client, signUpAndSignIn, STRONG_PASSWORD, waitForFinalMail } from '../helpers/app.ts';
import { assertLogHoldsNone, cookieSecrets, mailedTokens } from '../helpers/log.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { grantRole } from '../../src/modules/roles/service.ts';

const EMAIL = 'samir.haddad@example.com';

test('deleting an account in the browser', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const base = server.url;
  // The cookies of every session of the run (API clients and browsers), looked for in the log at the end.
  const cookies: Array<{ value: string }> = [];
  const kept = (client: Client) => {
    cookies.push(...[...client.cookies.values()].map((value) => ({ value })));
    return client;
  };
  kept(await signUpAndSignIn(server.app, EMAIL, undefined, 'Samir', base));

  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  cookies.push(...(await page.context().cookies()));
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Edit profile' }).click();
  await page.getByRole('link', { name: 'Delete account' }).click();

  await page.getByRole('heading', { name: 'Delete your account', level: 1 }).waitFor();
  await page.getByText('0 saved cards and 0 saved addresses.').waitFor();
  await page.getByText('You have no orders, so nothing is kept.').waitFor();
  await page.getByRole('link', { name: 'Download your data' }).waitFor();
  await assertAccessible(page, 'delete your account');
  const button = page.getByRole('button', { name: 'Deactivate my account' });
  assert.equal(await button.isDisabled(), true, 'nothing happens before the person confirms they understand');
  const color = await button.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.match(color, /rgb\(179, 38, 30\)/, 'the button is red');

  await page.getByLabel('Confirm your email address').fill('samir@example.com');
  await page.getByLabel('I understand that my account will be deleted and cannot be recovered.').check();
  await button.click();
  await page.getByText('Type the email address of this account exactly.').first().waitFor();
  assert.equal(await page.getByLabel('Confirm your email address').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Confirm your email address').fill(EMAIL.toUpperCase());
  await page.getByLabel('Why are you leaving? (optional)').selectOption({ label: 'I have another account' });
  await page.getByLabel('Comment (optional)').fill('Moving to my work account.');
  await button.click();
  await page.getByText('We received your request.').waitFor();
  const reference = (await page.locator('strong', { hasText: /^DEL-/ }).innerText()).trim();
  assert.match(reference, /^DEL-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await assertAccessible(page, 'deletion received');
  await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();

  // The receipt: same reference, and "This wasn't me" stops it with a POST button.
  await openLatestMail(page, base, EMAIL, /We received your request to delete your Souk account/);
  assert.ok((await page.locator('article').innerText()).includes(reference));
  await page.getByRole('link', { name: "This wasn't me" }).click();
  await page.getByRole('heading', { name: 'Stop the deletion of your account' }).waitFor();
  await assertAccessible(page, "this wasn't me");
  await page.getByRole('button', { name: 'Stop the deletion' }).click();
  await page.getByText('The deletion is stopped and your account is active again.').waitFor();
  const status = await server.app.souk.db
    .selectFrom('deletion_requests')
    .select('status')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  assert.equal(status.status, 'cancelled');

  // Management processes a second person's request in /admin/deletions; the old parcel is still tracked.
  const db = server.app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Rabat Ceramics', [
    { country: 'FR', cost_minor: 0, min_days: 1, max_days: 3 },
  ]);
  const plate = await createFixtureProduct(db, store, { title: 'Blue Plate', price: 2000, stock: 5 });
  const seller = kept(await signUpAndSignIn(server.app, 'rabat@example.com', undefined, 'Rabat Seller', base));
  await db
    .updateTable('stores')
    .set({
      owner_user_id: (
        await db.selectFrom('users').select('id').where('email', '=', 'rabat@example.com').executeTakeFirstOrThrow()
      ).id,
    })
    .where('id', '=', store.storeId)
    .execute();
  const leaverEmail = 'nadia.leaving@example.com';
  const leaver = kept(await signUpAndSignIn(server.app, leaverEmail, undefined, 'Nadia', base));
  await leaver.post('/api/cart/lines', { productId: plate, quantity: 1 });
  const placed = await leaver.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: {
      fullName: 'Nadia Benani',
      line1: '5 Rue de la Paix',
      city: 'Paris',
      country: 'FR',
      phone: '+33 6 12 34 56 78',
    },
    card: { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' },
    expectedTotal: { amount: 2000, currency: 'USD' },
  });
  assert.equal(placed.statusCode, 201, placed.body);
  assert.equal(
    (
      await seller.post(`/api/seller/orders/${placed.json().orders[0].id}/ship`, {
        carrier: 'La Poste',
        trackingNumber: 'LP-000123-FR',
      })
    ).statusCode,
    200,
  );
  const requested = await leaver.post('/api/account/deletion', { confirmEmail: leaverEmail });
  assert.equal(requested.statusCode, 202, requested.body);
  const leaverReference = requested.json().reference as string;
  // The erasure deletes the leaver's mails (with the links' tokens) and account id: read them first.
  const tokensBeforeErasure = await mailedTokens(server.app);
  const accountIds = (await db.selectFrom('users').select('id').execute()).map((u) => u.id);

  kept(await signUpAndSignIn(server.app, 'manager@souk.example', undefined, 'Meryem Chraibi', base));
  await grantRole(db, 'manager@souk.example', 'staff');
  const admin = await signInPage(browser, base, 'manager@souk.example', '/admin/deletions');
  await admin.getByRole('heading', { name: 'Deletion requests', level: 1 }).waitFor();
  cookies.push(...(await admin.context().cookies()));
  const card = admin.getByRole('listitem', { name: leaverReference });
  await card.waitFor();
  assert.ok(!(await admin.locator('main').innerText()).includes(leaverEmail), 'the queue names no one');
  await assertAccessible(admin, 'deletion requests');
  await card.getByRole('button', { name: 'Process now' }).click();
  await card.getByRole('button', { name: 'Erase now' }).click();
  await admin.getByRole('listitem', { name: leaverReference }).waitFor({ state: 'detached' });
  await admin.getByRole('link', { name: 'Completed' }).click();
  const completed = admin.getByRole('listitem', { name: leaverReference });
  await completed.locator('.badge', { hasText: 'Completed' }).waitFor();
  await completed.getByText('Erasure certificate').click();
  await completed.getByText(/Verification scan: nothing found/).waitFor();
  await assertAccessible(admin, 'completed deletion with certificate');
  await admin.getByRole('link', { name: 'Why people leave' }).click();
  await admin.getByRole('heading', { name: 'Why people leave', level: 1 }).waitFor();
  await assertAccessible(admin, 'why people leave');

  const final = await waitForFinalMail(server.app, leaverReference);
  assert.ok(final.text.includes(leaverReference));
  assert.equal(
    (
      await new Client(server.app, undefined, base).post('/api/auth/sign-in', {
        email: leaverEmail,
        password: STRONG_PASSWORD,
      })
    ).statusCode,
    401,
  );
  const again = kept(await signUpAndSignIn(server.app, leaverEmail, undefined, 'Nadia Again', base));
  assert.deepEqual((await again.get('/api/orders')).json().items, [], 'the new account shows nothing of the old one');
  const tracking = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await tracking.goto(`${base}/track/LP-000123-FR`);
  await tracking.getByText('La Poste').first().waitFor();
  assert.ok(!(await tracking.locator('main').innerText()).includes('Nadia'));

  // The server's log of the whole run holds no personal data or secrets (the references may be there).
  assertLogHoldsNone(server.log(), {
    email: [
      EMAIL,
      'samir@example.com',
      'rabat@example.com',
      leaverEmail,
      'manager@souk.example',
      'samir.haddad',
      'nadia.leaving',
    ],
    name: ['Samir', 'Rabat Seller', 'Nadia', 'Nadia Benani', 'Nadia Again', 'Meryem Chraibi'],
    'store name': ['Rabat Ceramics'],
    address: ['5 Rue de la Paix', 'Paris'],
    phone: ['+33 6 12 34 56 78', '+33612345678'],
    card: ['4242424242424242', '4242 4242 4242 4242'],
    password: [STRONG_PASSWORD],
    'account id': accountIds,
    'leaving comment': ['Moving to my work account.'],
    'mailed token': [...tokensBeforeErasure, ...(await mailedTokens(server.app))],
    'session cookie': cookieSecrets(cookies),
  });
});
