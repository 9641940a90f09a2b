// The language of pages (issue 20, decision 059) in Chromium: a French browser reads Souk in French
// from the first paint (html lang, header, formats), "Language" in the header switches every page at
// once and is remembered in this browser, and an account's choice is saved and followed on another
// device whose browser speaks English; axe-clean at both widths, with no text missing a translation.
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
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { signUpAndSignIn } from '../helpers/app.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { rateBookOf } from '../../src/modules/currency/index.ts';

test('pages in the reader’s language', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 4 },
  ]);
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500, stock: 50 });
  await rateBookOf(db).record(
    { base: 'EUR', asOf: new Date().toISOString().slice(0, 10), rates: { USD: '1.16' } },
    'staff',
  );

  for (const width of WIDTHS) {
    const page = await newPage(browser, width, { shipTo: 'FR', locale: 'fr-FR' });
    await page.goto(`${base}/p/${lamp}`);
    await page.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await page.getByLabel('Langue').inputValue(), 'fr');
    await page.getByRole('banner').getByRole('link', { name: 'Se connecter', exact: true }).waitFor();
    assert.equal(await page.getByLabel('Livrer en').locator('option:checked').textContent(), 'France');
    // $45.00 at 1.16 USD per euro: 38,79 € in French.
    await page
      .locator('.product-summary .price-current')
      .getByText(/38,79\s€/)
      .waitFor();
    await assertAccessible(page, `product page in French (${width.name})`);

    // English from the header: at once, and for the next page too.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page
      .locator('.product-summary .price-current')
      .getByText(/€38\.79/)
      .waitFor();
    await page.reload();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    assert.equal(await page.getByLabel('Language').inputValue(), 'en');
    assert.equal(await page.getByLabel('Ship to').locator('option:checked').textContent(), 'France');
    await assertAccessible(page, `product page back in English (${width.name})`);
    await page.context().close();
  }

  // An account's choice follows it to a browser that speaks English.
  const email = 'parle-francais@souk.example';
  await signUpAndSignIn(server.app, email, undefined, 'Camille', base);
  const phone = await signInPage(browser, base, email, '/');
  await phone.getByRole('banner').getByRole('link', { name: 'Account', exact: true }).waitFor();
  // The choice is saved for the account (the page does not wait for it; the test does).
  const saved = phone.waitForResponse(
    (r) => r.url().endsWith('/api/account/preferences') && r.request().method() === 'PUT',
  );
  await phone.getByLabel('Language').selectOption('fr');
  assert.equal((await saved).status(), 200);
  await phone.getByRole('banner').getByRole('link', { name: 'Compte', exact: true }).waitFor();
  await phone.context().close();

  const desktop = await signInPage(browser, base, email, '/');
  await desktop.getByRole('banner').getByRole('link', { name: 'Compte', exact: true }).waitFor();
  assert.equal(await desktop.getByLabel('Langue').inputValue(), 'fr');
  assert.equal(await desktop.locator('html').getAttribute('lang'), 'fr');
  await assertAccessible(desktop, 'home page in the account’s language');
  await desktop.context().close();
});
