// The marketplace path in Chromium: a signed-out visitor searches and filters, puts products of
// two sellers in the cart, presses "Checkout", creates an account, lands back in checkout with
// the cart, adds a card and pays; two orders. The seller ships one; the buyer's mail carries the
// tracking number; a signed-out browser follows the parcel on /track/<number>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible,
  browserSkipReason,
  openLatestMail,
  signInPage,
  startBrowserRun,
} from '../helpers/browser.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { signUpAndSignIn, waitForMail } from '../helpers/app.ts';

const EMAIL = 'layla.benali@example.com';
const PASSWORD = 'harbour-fig-compass-31';

test('guest cart to paid orders and public tracking', { skip: browserSkipReason, timeout: 240_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const base = server.url;
  const db = server.app.souk.db;
  await seedCatalog(db, { products: 120, stores: 4, seed: 5 });
  const lanterns = await createFixtureStore(db, 'Atlas Lanterns', [
    { country: 'FR', cost_minor: 800, min_days: 3, max_days: 6 },
  ]);
  const cushions = await createFixtureStore(db, 'Medina Cushions', [
    { country: 'FR', cost_minor: 0, min_days: 2, max_days: 4 },
  ]);
  const freeLanterns = await createFixtureStore(db, 'Faraway Lanterns', [
    { country: 'JP', cost_minor: 0, min_days: 9, max_days: 20 },
  ]);
  await createFixtureProduct(db, lanterns, { title: 'Zellige Brass Lantern', price: 6400, stock: 5 });
  await createFixtureProduct(db, freeLanterns, { title: 'Zellige Paper Lantern', price: 1900, stock: 5 });
  await createFixtureProduct(db, cushions, {
    title: 'Zellige Wool Cushion',
    price: 3500,
    stock: 5,
    category: 'home-kitchen',
  });
  await signUpAndSignIn(server.app, 'seller@atlas.example', undefined, 'Atlas Seller', base);
  const sellerId = (
    await db.selectFrom('users').select('id').where('email', '=', 'seller@atlas.example').executeTakeFirstOrThrow()
  ).id;
  await db.updateTable('stores').set({ owner_user_id: sellerId }).where('id', '=', lanterns.storeId).execute();

  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => localStorage.setItem('souk.country', 'FR'));
  const page = await context.newPage();

  // Search signed out: only what ships to France (the header's country) by default; the toggle shows
  // the Japanese-only lantern too, and off again it goes away.
  await page.goto(base);
  await page.getByLabel('Search products').fill('zellige');
  await page.getByLabel('Search products').press('Enter');
  await page.getByRole('link', { name: 'Zellige Brass Lantern' }).first().waitFor();
  assert.equal(await page.getByRole('link', { name: 'Zellige Paper Lantern' }).count(), 0);
  const showAll = page.getByLabel("Show items that don't ship to France");
  await showAll.check();
  await page.waitForURL(/shipsTo=all/);
  await page.getByRole('link', { name: 'Zellige Paper Lantern' }).first().waitFor();
  await showAll.uncheck();
  await page.getByRole('link', { name: 'Zellige Paper Lantern' }).first().waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Zellige Brass Lantern' }).first().waitFor();
  await assertAccessible(page, 'search filtered to France');

  // Two products from two sellers into the guest cart.
  await page.getByRole('link', { name: 'Zellige Brass Lantern' }).first().click();
  await page.getByRole('heading', { name: 'Zellige Brass Lantern', level: 1 }).waitFor();
  await page.getByLabel('Quantity').selectOption('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText('Added 2 to your cart.').waitFor();
  await assertAccessible(page, 'product page after adding to cart');
  await page.goBack();
  await page.getByRole('link', { name: 'Zellige Wool Cushion' }).first().click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText('Added to your cart.').waitFor();
  const cartLink = page.getByRole('link', { name: 'Cart', exact: true });
  assert.equal(await cartLink.getAttribute('aria-describedby'), 'cart-count');
  await page.locator('#cart-count', { hasText: '3 items' }).waitFor({ state: 'attached' });
  await cartLink.click();
  await page.getByRole('heading', { name: 'Cart', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Sold by Atlas Lanterns' }).waitFor();
  await page.getByRole('heading', { name: 'Sold by Medina Cushions' }).waitFor();
  await assertAccessible(page, 'cart');

  // "Checkout" signed out → sign in → create an account.
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create account' }).waitFor();
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Display name').fill('Layla');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Check your email').waitFor();
  await openLatestMail(page, base, EMAIL, /Verify your email address/);
  await page.getByRole('link', { name: 'Verify my email' }).click();
  await page.getByRole('button', { name: 'Verify my email' }).click();
  await page.getByText('Your email is verified').waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();

  // Back in checkout with the cart.
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
  assert.match(page.url(), /\/checkout$/);
  await page.getByRole('heading', { name: /Order 1 of 2: sold by Atlas Lanterns/ }).waitFor();
  await page.getByRole('heading', { name: /Order 2 of 2: sold by Medina Cushions/ }).waitFor();
  await page.getByLabel('Full name').fill('Layla Benali');
  await page.getByLabel('Address', { exact: true }).fill('4 Quai Saint-Antoine');
  await page.getByLabel('City').fill('Lyon');
  await page.getByLabel('Postal code (optional)').fill('69002');
  await page.getByLabel('Country').selectOption('FR');
  await page.getByText('Total to pay').waitFor();
  await page.locator('.checkout-submit strong', { hasText: '$171.00' }).waitFor();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry month').selectOption('12');
  await page.getByLabel('Expiry year').selectOption(String(new Date().getFullYear() + 3));
  await page.getByLabel('Security code').fill('123');
  await assertAccessible(page, 'checkout');
  await page.getByRole('button', { name: 'Place order and pay' }).click();

  await page.getByRole('heading', { name: /Thank you! Your order is placed/ }).waitFor();
  await assertAccessible(page, 'order placed');
  const orderLinks = page.getByRole('main').getByRole('link', { name: /^Order SK-/ });
  assert.equal(await orderLinks.count(), 2);
  assert.equal(await page.locator('#cart-count').count(), 0, 'the cart is empty after paying');
  const numbers = (await orderLinks.allInnerTexts()).map((t) => t.replace('Order ', ''));
  await page.getByRole('link', { name: 'See all your orders' }).click();
  await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
  for (const number of numbers) await page.getByRole('main').getByText(number).first().waitFor();
  await assertAccessible(page, 'account orders');

  // The seller ships the lantern order from the seller center; the buyer's mail has the tracking number.
  const lanternOrder = await db
    .selectFrom('orders')
    .select('number')
    .where('store_id', '=', lanterns.storeId)
    .executeTakeFirstOrThrow();
  const sellerPage = await signInPage(browser, base, 'seller@atlas.example', '/seller/orders');
  const card = sellerPage.getByRole('listitem', { name: `Order ${lanternOrder.number}` });
  await card.waitFor();
  assert.match(await card.innerText(), /4 Quai Saint-Antoine/, 'the seller sees where to ship');
  await card.getByLabel('Carrier').fill('La Poste');
  await card.getByLabel('Tracking number').fill('LP123456789FR');
  await card.getByRole('button', { name: 'Mark as shipped' }).click();
  await sellerPage.getByRole('link', { name: 'To ship' }).waitFor();
  await sellerPage
    .getByText(/LP123456789FR/)
    .first()
    .waitFor();
  await assertAccessible(sellerPage, 'seller orders after shipping');
  const mail = await waitForMail(server.app, EMAIL, /has shipped/);
  assert.match(mail.text, /LP123456789FR/);
  const trackUrl = /(http:\/\/\S+\/track\/LP123456789FR)/.exec(mail.text)?.[1];
  assert.ok(trackUrl, 'the mail links to the tracking page');

  // A signed-out browser follows the parcel.
  const stranger = await browser.newContext({ locale: 'en-US' });
  const trackPage = await stranger.newPage();
  await trackPage.goto(trackUrl);
  await trackPage.getByText('Shipped', { exact: true }).first().waitFor();
  await trackPage.getByText('La Poste').first().waitFor();
  const text = await trackPage.locator('main').innerText();
  for (const personal of ['Layla', 'Benali', 'Quai Saint-Antoine', '69002', EMAIL])
    assert.ok(!text.includes(personal), `tracking page shows ${personal}`);
  await assertAccessible(trackPage, 'tracking page');
});
