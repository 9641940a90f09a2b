// A buyer's wallet in Chromium: Settings → Payment methods → add the 4242 test card (after a
// refused one), see it listed, remove it after confirming; Settings → Addresses → add an address,
// edit it, see the change. Every page passes axe, and the server log never holds the card number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, STRONG_PASSWORD, tokenFrom, waitForMail } from '../helpers/app.ts';
import { assertAccessible, browserSkipReason, startBrowserRun } from '../helpers/browser.ts';

const EMAIL = 'salma.idrissi@example.com';

test('wallet in the browser', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const base = server.url;
  // A verified account, made through the API (the account lifecycle test covers doing it in the browser).
  const api = new Client(server.app);
  const sameOrigin = { origin: base };
  assert.equal(
    (
      await api.post(
        '/api/auth/sign-up',
        { email: EMAIL, password: STRONG_PASSWORD, displayName: 'Salma Idrissi' },
        sameOrigin,
      )
    ).statusCode,
    202,
  );
  const mail = await waitForMail(server.app, EMAIL, /Verify your email/);
  assert.equal(
    (await api.post('/api/auth/verify-email', { token: tokenFrom(mail, '/verify-email') }, sameOrigin)).statusCode,
    200,
  );
  const page = await (await browser.newContext()).newPage();

  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  const nav = page.getByRole('navigation', { name: 'Account' });

  // Settings → Payment methods.
  await nav.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Payment methods', exact: true }).click();
  await page.getByRole('heading', { name: 'Payment methods', exact: true }).waitFor();
  await page.getByText('You have no saved cards.').waitFor();
  const notice = page.getByText('Test payments: no money moves');
  await notice.waitFor();
  await page.getByText('4242 4242 4242 4242').waitFor();
  await page.waitForLoadState('networkidle');
  await assertAccessible(page, 'payment methods');

  // Empty fields are named next to each field, all at once.
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.getByRole('alert').getByText('Please correct the fields marked below.').waitFor();
  for (const message of ['Enter the card number', 'Choose the month', 'Choose the year', 'Enter the security code']) {
    await page.getByText(message).waitFor();
  }
  assert.equal(await page.getByLabel('Card number').getAttribute('aria-invalid'), 'true');

  // A number that fails the checksum is refused, with the reason next to the field.
  await page.getByLabel('Card number').fill('4242 4242 4242 4241');
  await page.getByLabel('Month').selectOption('04');
  await page.getByLabel('Year').selectOption('2030');
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.getByText('This card number is not valid.').waitFor();
  await assertAccessible(page, 'payment methods with a refused card');

  // The 4242 test card, filled in from the list of test cards.
  await page.getByRole('button', { name: 'Use test card 4242 4242 4242 4242' }).click();
  assert.equal(await page.getByLabel('Card number').inputValue(), '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Save card' }).click();
  const saved = page.getByRole('list', { name: 'Saved cards' }).getByRole('listitem');
  await saved.filter({ hasText: 'Visa •••• 4242, expires 04/2030' }).waitFor();
  await page.getByRole('status').getByText('Visa •••• 4242, expires 04/2030 was saved.').waitFor();
  assert.equal(await page.getByLabel('Card number').inputValue(), '', 'the number is cleared once saved');
  assert.equal(await page.getByLabel('Security code (CVC)').inputValue(), '');
  await assertAccessible(page, 'payment methods with a saved card');

  // It is still there after a reload (saved on the server), then removed after confirming.
  await page.reload();
  await saved.filter({ hasText: 'Visa •••• 4242, expires 04/2030' }).waitFor();
  await page.getByRole('button', { name: 'Remove Visa ending in 4242' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove this card?' });
  await dialog.waitFor();
  await assertAccessible(page, 'remove card dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await saved.count(), 1, 'Escape keeps the card');
  await page.getByRole('button', { name: 'Remove Visa ending in 4242' }).click();
  await dialog.getByRole('button', { name: 'Remove card' }).click();
  await page.getByText('You have no saved cards.').waitFor();
  await page.getByRole('status').getByText('was removed').waitFor();

  // Settings → Addresses: add one.
  await nav.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Addresses', exact: true }).click();
  await page.getByRole('heading', { name: 'Addresses', exact: true }).waitFor();
  await page.getByText('You have no saved addresses.').waitFor();
  await assertAccessible(page, 'addresses');
  await page.getByRole('button', { name: 'Add an address' }).click();
  await page.getByLabel('Full name').fill('Salma Idrissi');
  await page.getByLabel('Address line 1').fill('12 Rue des Oliviers');
  await page.getByLabel('City').fill('Rabat');
  await page.getByLabel('Postal code (optional)').fill('10000');
  await page.getByLabel('Country').selectOption({ label: 'Morocco' });
  await page.getByLabel('Phone (optional)').fill('+212 600 000 000');
  await assertAccessible(page, 'add address form');
  await page.getByRole('button', { name: 'Save address' }).click();
  const addresses = page.getByRole('list', { name: 'Saved addresses' }).getByRole('listitem');
  const salma = addresses.filter({ hasText: '12 Rue des Oliviers' });
  await salma.getByText('10000 Rabat').waitFor();
  await salma.getByText('Default').waitFor();
  await assertAccessible(page, 'addresses with one address');

  // Edit it.
  await page.getByRole('button', { name: 'Edit Salma Idrissi, 12 Rue des Oliviers' }).click();
  await page.getByRole('heading', { name: 'Edit address' }).waitFor();
  await assertAccessible(page, 'edit address form');
  await page.getByLabel('City').fill('Casablanca');
  await page.getByLabel('Address line 2 (optional)').fill('Floor 3');
  await page.getByRole('button', { name: 'Save address' }).click();
  await salma.getByText('10000 Casablanca').waitFor();
  await salma.getByText('Floor 3').waitFor();
  await page.reload();
  await salma.getByText('10000 Casablanca').waitFor();
  assert.equal(await addresses.count(), 1);

  const log = server.log();
  for (const secret of [
    '4242424242424242',
    '4242 4242 4242 4242',
    '4242424242424241',
    'Salma',
    '12 Rue des Oliviers',
    EMAIL,
  ]) {
    assert.equal(log.includes(secret), false, `the log contains ${secret}`);
  }
});
