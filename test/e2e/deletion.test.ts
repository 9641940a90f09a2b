// "Delete account" in Chromium, the person's part: Settings → Edit profile → "Delete account",
// the consequences with their numbers, the typed email, a reason, the red "Deactivate my account",
// the reference; the receipt mail's "This wasn't me" stops it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, launchBrowser, openLatestMail, startLiveServer } from '../helpers/browser.ts';
import { signUpAndSignIn, STRONG_PASSWORD } from '../helpers/app.ts';

const EMAIL = 'samir.haddad@example.com';

test('deleting an account in the browser', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const server = await startLiveServer();
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await server.close();
  });
  const base = server.url;
  await signUpAndSignIn(server.app, EMAIL, undefined, 'Samir', base);

  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Account', exact: true }).click();
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
  const status = await server.app.souk.db.selectFrom('deletion_requests').select('status').where('reference', '=', reference).executeTakeFirstOrThrow();
  assert.equal(status.status, 'cancelled');
});
