// "Your data at Souk" in Chromium: reached from the footer of every page (with the keyboard) and
// from the account-deletion page, one section per kind of data, readable on a phone and a desktop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, signInPage, startBrowserRun } from '../helpers/browser.ts';
import { signUpAndSignIn } from '../helpers/app.ts';

test('the public page of what Souk keeps', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const base = server.url;

  await t.test('the footer link "Your data" leads to it, by keyboard, signed out', async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(base);
    const link = page.getByRole('navigation', { name: 'Footer' }).getByRole('link', { name: 'Your data' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/privacy/data`);
    const heading = page.getByRole('heading', { name: 'Your data at Souk', level: 1 });
    await heading.waitFor();
    const main = page.getByRole('main');
    for (const kind of [
      'Saved addresses',
      'Reviews, questions, answers and photos',
      'Orders and their payments',
      'Messages between buyers and stores',
    ]) {
      await main.getByRole('heading', { name: kind, level: 2 }).waitFor();
    }
    const orders = main.getByRole('region', { name: 'Orders and their payments' });
    await orders.getByText('As long as your account exists, then 10 years by default').waitFor();
    await orders.getByText(/Kept without the personal parts: the link to your account, street, city/).waitFor();
    await main.getByRole('region', { name: 'Saved addresses' }).getByText('Erased.').waitFor();
    assert.equal(
      await heading.evaluate((el) => el === document.activeElement),
      true,
      'focus moves to the new page’s heading',
    );
    await assertAccessible(page, 'your data at Souk (desktop)');
    await page.context().close();
  });

  await t.test('reads on a phone without sideways scrolling', async () => {
    const page = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 }, isMobile: true })
    ).newPage();
    await page.goto(`${base}/privacy/data`);
    await page.getByRole('heading', { name: 'Orders and their payments', level: 2 }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await assertAccessible(page, 'your data at Souk (phone)');
    await page.context().close();
  });

  await t.test('the account-deletion page links to it where it says what is kept', async () => {
    await signUpAndSignIn(server.app, 'leila.amrani@example.com', undefined, 'Leila', base);
    const page = await signInPage(browser, base, 'leila.amrani@example.com', '/account/delete');
    await page.getByRole('heading', { name: 'Delete your account', level: 1 }).waitFor();
    const kept = page.getByRole('region', { name: 'What is kept, and why' });
    await kept.getByRole('link', { name: 'What Souk keeps and why' }).click();
    await page.getByRole('heading', { name: 'Your data at Souk', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Your profile and password', level: 2, exact: false }).waitFor();
    await page.context().close();
  });
});
