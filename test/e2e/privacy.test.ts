// "Your data at Souk" in Chromium: reached from the footer of every page (with the keyboard) and
// from the account-deletion page, one section per kind of data, readable on a phone and a desktop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible,
  browserSkipReason,
  newPage,
  signInPage,
  startBrowserRun,
  WIDTHS,
} from '../helpers/browser.ts';
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

  await t.test('a French reader reads every part of a kind in French', async () => {
    const page = await newPage(browser, WIDTHS[1], { locale: 'fr-FR' });
    await page.goto(`${base}/privacy/data`);
    await page.getByRole('heading', { name: 'Vos données chez Souk', level: 1 }).waitFor();
    const orders = page.getByRole('region', { name: 'Les commandes et leurs paiements' });
    await orders.getByText('Tant que votre compte existe, puis 10 ans par défaut').waitFor();
    // Why: the reasons of orders, payments and checkouts, each worded by its table's key.
    await orders.getByText(/que le droit commercial et fiscal nous oblige à conserver/).waitFor();
    await orders.getByText(/Un paiement regroupe les commandes qu’il a réglées/).waitFor();
    // At deletion: by outcome code and the columns it names, per table.
    await orders
      .getByText(
        'Les données sont conservées sans les éléments personnels : on en retire le lien avec votre compte, la rue, la ville, la région, le code postal et le numéro de téléphone, et le nom devient « Erased ».',
      )
      .waitFor();
    await orders
      .getByText(
        'Les données sont conservées telles quelles, y compris la marque de la carte et les quatre derniers chiffres de la carte, pour la raison indiquée.',
      )
      .waitFor();
    await page.getByRole('region', { name: 'Adresses enregistrées' }).getByText('Les données sont effacées.').waitFor();
    const text = await page.getByRole('main').innerText();
    for (const english of ['Kept without', 'Kept as it is', 'Erased.', 'tax law', 'for the reason given', 'Why'])
      assert.equal(text.includes(english), false, `no English left: ${english}`);
    await assertAccessible(page, 'your data at Souk (French)');
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
