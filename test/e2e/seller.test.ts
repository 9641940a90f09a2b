// A person becomes a seller in Chromium: signs in, opens a store from the account area, adds a
// shipping profile, a product with an image and an offer, and sees it on its public store page
// ("View your store") and its public product page with the discount. Every page visited is checked with axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSkipReason, startBrowserRun } from '../helpers/browser.ts';
import { Client, STRONG_PASSWORD, tokenFrom, waitForMail } from '../helpers/app.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

const EMAIL = 'yasmin.potter@example.com';
// A real 1×1 PNG: the browser must be able to draw what the server sends back.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('opening a store and selling a product in the browser', {
  skip: browserSkipReason,
  timeout: 180_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  await seedCatalog(server.app.souk.db, { products: 30, stores: 2, seed: 3 });
  // The account exists and is verified (the account-lifecycle test covers doing that in the browser).
  const setup = new Client(server.app);
  const origin = { origin: server.url };
  assert.equal(
    (await setup.post('/api/auth/sign-up', { email: EMAIL, password: STRONG_PASSWORD, displayName: 'Yasmin' }, origin))
      .statusCode,
    202,
  );
  const token = tokenFrom(await waitForMail(server.app, EMAIL, /Verify your email/), '/verify-email');
  assert.equal((await setup.post('/api/auth/verify-email', { token }, origin)).statusCode, 200);

  const context = await browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => localStorage.setItem('souk.country', 'FR'));
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());

  // Sign in, then the account area leads to the seller center.
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  const accountNav = page.getByRole('navigation', { name: 'Account' });
  for (const label of ['Overview', 'Orders', 'Messages', 'Settings', 'Seller center'])
    await accountNav.getByRole('link', { name: label, exact: true }).waitFor();
  await accountNav.getByRole('link', { name: 'Seller center' }).click();

  // No store yet: the form to open one, with errors next to the fields.
  await page.getByRole('heading', { name: 'Open your store' }).waitFor();
  await assertAccessible(page, 'open your store');
  await page.getByRole('button', { name: 'Open store' }).click();
  await page.getByText('Enter a store name of 1 to 80 characters.').waitFor();
  await assertAccessible(page, 'open your store with errors');
  await page.getByLabel('Store name').fill('Potter’s Wheel');
  await page.getByLabel('Country').selectOption('MA');
  await page.getByLabel('Description').fill('Glazed bowls and plates.');
  await page.getByRole('button', { name: 'Open store' }).click();
  // The seller center opens on its dashboard (issue 19); products are one link away.
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  const sellerNav = page.getByRole('navigation', { name: 'Seller center' });
  await sellerNav.getByRole('link', { name: 'Products', exact: true }).click();
  await page.getByRole('heading', { name: 'Products' }).waitFor();
  for (const label of ['Products', 'Orders', 'Shipping', 'Store settings'])
    await sellerNav.getByRole('link', { name: label, exact: true }).waitFor();
  await page.getByText('You have no products yet').waitFor();
  await assertAccessible(page, 'seller products (empty)');

  // A shipping profile with two destinations.
  await sellerNav.getByRole('link', { name: 'Shipping' }).click();
  await page.getByRole('heading', { name: 'Shipping', level: 1 }).waitFor();
  await assertAccessible(page, 'shipping');
  const profileForm = page.getByRole('form', { name: 'Add a shipping profile' });
  await profileForm.getByLabel('Profile name').fill('Standard post');
  await profileForm.getByLabel('Ships to').selectOption('FR');
  await profileForm.getByLabel('Cost (USD)').fill('4.50');
  await profileForm.getByLabel('Fastest delivery (days)').fill('3');
  await profileForm.getByLabel('Slowest delivery (days)').fill('6');
  await profileForm.getByRole('button', { name: 'Add a destination' }).click();
  const second = profileForm.getByRole('group', { name: 'Destination 2' });
  await second.getByLabel('Ships to').selectOption('MA');
  await second.getByLabel('Cost (USD)').fill('0');
  await second.getByLabel('Fastest delivery (days)').fill('2');
  await second.getByLabel('Slowest delivery (days)').fill('1');
  await profileForm.getByRole('button', { name: 'Save profile' }).click();
  await second.getByText('Must be at least the fastest delivery.').waitFor();
  await assertAccessible(page, 'shipping profile with an error');
  await second.getByLabel('Slowest delivery (days)').fill('3');
  await profileForm.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Shipping profile "Standard post" saved.').waitFor();
  const profiles = page.getByRole('list', { name: 'Shipping profiles' });
  await profiles.getByRole('heading', { name: 'Standard post' }).waitFor();
  assert.match(await profiles.innerText(), /France\s+\$4\.50\s+3–6 days/);

  // A product.
  await sellerNav.getByRole('link', { name: 'Products' }).click();
  await page.getByRole('link', { name: 'Add product' }).click();
  await page.getByRole('heading', { name: 'Add product' }).waitFor();
  await page.getByLabel('Title').fill('Blue Glazed Serving Bowl');
  await page.getByLabel('Description').fill('Thrown by hand in Safi.\n\nDishwasher safe.');
  await page.getByLabel('Category').selectOption('home-kitchen');
  await page.getByLabel('Price').fill('80');
  await page.getByLabel('Stock').fill('many');
  await page.getByRole('button', { name: 'Add product' }).click();
  await page.getByText('Enter a whole number from 0 to 1,000,000.').waitFor();
  await assertAccessible(page, 'add product with an error');
  await page.getByLabel('Stock').fill('5');
  await page.getByRole('button', { name: 'Add product' }).click();
  await page.getByText('Product added. Now add images and offers.').waitFor();
  await page.getByRole('heading', { name: 'Blue Glazed Serving Bowl', level: 1 }).waitFor();

  // An image and an offer.
  await page.getByLabel('Add images').setInputFiles({ name: 'bowl.png', mimeType: 'image/png', buffer: PNG });
  await page.getByText('Image added.').waitFor();
  await page.getByRole('img', { name: 'Image 1 (cover)' }).waitFor();
  await page
    .getByLabel('Add images')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  await page.getByText('notes.txt: choose a JPEG, PNG or WebP image.').waitFor();
  await page.getByLabel('Offer price (USD)').fill('60.00');
  await page.getByRole('button', { name: 'Add offer' }).click();
  await page.getByText('Offer added: it runs now.').waitFor();
  await page.getByRole('list', { name: 'Offers' }).getByText('Running').waitFor();
  await assertAccessible(page, 'edit product');

  await sellerNav.getByRole('link', { name: 'Products' }).click();
  const products = page.getByRole('list', { name: 'Your products' });
  await products.getByRole('link', { name: 'Blue Glazed Serving Bowl' }).waitFor();
  assert.match(await products.innerText(), /\$60\.00[\s\S]*\$80\.00[\s\S]*On offer[\s\S]*Stock: 5/);
  await assertAccessible(page, 'seller products');

  await sellerNav.getByRole('link', { name: 'Orders' }).click();
  await page.getByText('No orders are waiting to be shipped.').waitFor();
  await assertAccessible(page, 'seller orders (none yet)');
  await sellerNav.getByRole('link', { name: 'Store settings' }).click();
  await page.getByRole('heading', { name: 'Store settings' }).waitFor();
  assert.equal(await page.getByLabel('Store name').inputValue(), 'Potter’s Wheel');
  await assertAccessible(page, 'store settings');

  // "View your store": the public store page, as shoppers see it; back to the seller center.
  await sellerNav.getByRole('link', { name: 'View your store' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Potter’s Wheel', level: 1 }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/s\/[a-z0-9-]+$/);
  await page.getByRole('link', { name: 'Blue Glazed Serving Bowl' }).first().waitFor();
  await assertAccessible(page, 'own store page');
  await page.goBack();
  await page.getByRole('heading', { name: 'Store settings' }).waitFor();

  // The public product page: the offer, the discount, the seller, shipping to France, the uploaded image.
  await sellerNav.getByRole('link', { name: 'Products' }).click();
  await page.getByRole('link', { name: 'Blue Glazed Serving Bowl' }).click();
  await page.getByRole('link', { name: 'View on Souk' }).click();
  await page.getByRole('heading', { name: 'Blue Glazed Serving Bowl', level: 1 }).waitFor();
  const main = page.getByRole('main');
  await main.getByText('Sold by').waitFor();
  const text = await main.innerText();
  assert.match(text, /\$60\.00/);
  assert.match(text, /\$80\.00/);
  assert.match(text, /25% off|-25%/);
  assert.match(text, /Potter’s Wheel/);
  assert.match(text, /Ships to France/);
  const image = main.getByRole('img', { name: 'Blue Glazed Serving Bowl' });
  await image.waitFor();
  const drawn = await image.evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    return { width: img.naturalWidth, type: (await fetch(img.src)).headers.get('content-type') };
  });
  assert.deepEqual(drawn, { width: 1, type: 'image/png' });
  await assertAccessible(page, 'public product page');
});
