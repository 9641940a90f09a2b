// A person's whole account path in Chromium: sign up, verify from the mailbox, sign in,
// edit the profile, sign out, reset the password; the old session no longer works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, openLatestMail, startBrowserRun } from '../helpers/browser.ts';
import { assertLogHoldsNone, cookieSecrets, mailedTokens } from '../helpers/log.ts';

const EMAIL = 'noor.haddad@example.com';
const NAME = 'Noor Haddad';
const NEW_NAME = 'Noor H. Haddad';
const PASSWORD = 'saffron-harbour-lantern-7';
const NEW_PASSWORD = 'cedar-kettle-monsoon-19';

test('account lifecycle in the browser', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const context = await browser.newContext();
  const page = await context.newPage();
  const base = server.url;

  // Signed out: the header offers "Sign in".
  await page.goto(base);
  await assertAccessible(page, 'home (signed out)');
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await assertAccessible(page, 'sign in');
  await page.getByRole('link', { name: 'Create an account' }).click();

  // Create account.
  await page.getByRole('heading', { name: 'Create account' }).waitFor();
  await assertAccessible(page, 'sign up');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Display name').fill(NAME);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Check your email').waitFor();

  // Verification mail from the built-in mailbox.
  await openLatestMail(page, base, EMAIL, /Verify your email address/);
  await assertAccessible(page, 'mailbox message');
  await page.getByRole('link', { name: 'Verify my email' }).click();
  await page.getByRole('heading', { name: 'Verify your email' }).waitFor();
  await page.getByRole('button', { name: 'Verify my email' }).click();
  await page.getByText('Your email is verified').waitFor();
  // The same link opened again: the page says so and offers to sign in.
  await page.reload();
  await page.getByRole('button', { name: 'Verify my email' }).click();
  await page.getByRole('status').getByText('This email address is already verified').waitFor();
  await assertAccessible(page, 'verify email (already verified)');

  // Sign in → "Account".
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Account', exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Sign in', exact: true }).count(), 0);
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await assertAccessible(page, 'account overview');
  const nav = page.getByRole('navigation', { name: 'Account' });
  for (const label of ['Overview', 'Orders', 'Messages', 'Settings'])
    await nav.getByRole('link', { name: label, exact: true }).waitFor();

  // A second device stays signed in until the password is reset.
  const otherDevice = await browser.newContext();
  await otherDevice.addCookies(await context.cookies());
  const otherPage = await otherDevice.newPage();
  await otherPage.goto(`${base}/account`);
  await otherPage.getByRole('heading', { name: 'Overview' }).waitFor();

  // Settings → Edit profile → change the display name.
  await nav.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await assertAccessible(page, 'settings');
  await page.getByRole('link', { name: 'Edit profile' }).click();
  await page.getByRole('heading', { name: 'Edit profile' }).waitFor();
  await assertAccessible(page, 'edit profile');
  await page.getByLabel('Display name').fill(NEW_NAME);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByRole('status').getByText('Profile saved').waitFor();
  await nav.getByRole('link', { name: 'Overview', exact: true }).click();
  await page.getByText(NEW_NAME).first().waitFor();

  // The other settings pages render and pass axe too.
  for (const [link, heading] of [
    ['Password', 'Password'],
    ['Sessions', 'Sessions'],
    ['Notifications', 'Notifications'],
  ] as const) {
    await nav.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await assertAccessible(page, `settings / ${link}`);
  }

  // Sign out.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();

  // Forgot password? → mail → reset.
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await assertAccessible(page, 'forgot password');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.getByText('If an account uses this address').waitFor();
  await openLatestMail(page, base, EMAIL, /Reset your Souk password/);
  await page.getByRole('link', { name: 'Choose a new password' }).click();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await assertAccessible(page, 'reset password');
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.getByText('Your password has been changed').waitFor();

  // The old password fails, the new one works.
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('Email or password is incorrect').waitFor();
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Account', exact: true }).waitFor();

  // The session of the other device ended with the reset.
  const me = await otherPage.request.get(`${base}/api/me`);
  assert.equal(me.status(), 401);
  await otherPage.goto(`${base}/account`);
  await otherPage.getByRole('heading', { name: 'Sign in' }).waitFor();

  // The server's log of the whole run holds no personal data or secrets.
  assertLogHoldsNone(server.log(), {
    email: [EMAIL, 'noor.haddad'],
    name: [NAME, NEW_NAME],
    password: [PASSWORD, NEW_PASSWORD],
    'mailed token': await mailedTokens(server.app),
    'session cookie': cookieSecrets([...(await context.cookies()), ...(await otherDevice.cookies())]),
  });
});
