// Posts in Chromium: a buyer whose order was delivered goes from the order to "Write a review",
// reviews the product with a photo and asks a question; the seller answers (marked "Seller") and
// reports the review; staff hide it in /admin/reports; a visitor sees the rating on the product
// page. axe on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { assertAccessible, browserSkipReason, signInPage, startBrowserRun } from '../helpers/browser.ts';
import { STRONG_PASSWORD, signUpAndSignIn } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { PNG } from '../helpers/posts.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { grantRole } from '../../src/modules/roles/service.ts';

const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
  phone: '+33 6 12 34 56 78',
};
const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };

test('reviews, questions and moderation in the browser', { skip: browserSkipReason, timeout: 240_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });

  const buyer = await signUpAndSignIn(app, 'amina@example.com', STRONG_PASSWORD, 'Amina', base);
  const sellerApi = await signUpAndSignIn(app, 'idris@example.com', STRONG_PASSWORD, 'Idris Seller', base);
  await signUpAndSignIn(app, 'staff@example.com', STRONG_PASSWORD, 'Sami Staff', base);
  await grantRole(db, 'staff@example.com', 'staff');
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

  // The order: placed and paid through checkout, shipped and delivered by the seller.
  assert.equal((await buyer.post('/api/cart/lines', { productId: lamp, quantity: 1 })).statusCode, 200);
  const quote = (await buyer.get('/api/checkout?country=FR')).json() as { total: { amount: number; currency: string } };
  const placed = await buyer.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: ADDRESS,
    card: CARD_OK,
    expectedTotal: quote.total,
  });
  assert.equal(placed.statusCode, 201, placed.body);
  const order = (placed.json() as { orders: Array<{ id: string; number: string }> }).orders[0]!;
  assert.equal(
    (
      await sellerApi.post(`/api/seller/orders/${order.id}/ship`, {
        carrier: 'Colissimo',
        trackingNumber: 'CP123456789FR',
      })
    ).statusCode,
    200,
  );
  const delivered = await sellerApi.post(`/api/seller/orders/${order.id}/tracking`, { status: 'delivered' });
  assert.ok(delivered.statusCode < 300, delivered.body);

  // The buyer: from the delivered order to the review form.
  const buyerPage = await signInPage(browser, base, 'amina@example.com', `/account/orders/${order.id}`);
  await buyerPage.getByRole('heading', { name: `Order ${order.number}`, level: 1 }).waitFor();
  await assertAccessible(buyerPage, 'delivered order');
  await buyerPage.getByRole('link', { name: 'Write a review of Brass Lamp' }).click();
  await buyerPage.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
  const reviews = buyerPage.getByRole('region', { name: 'Reviews' });
  await reviews.getByRole('heading', { name: 'Write a review' }).waitFor();
  await reviews.getByText('No one has reviewed this product yet.').waitFor();
  await assertAccessible(buyerPage, 'product page with the review form');

  await reviews.getByRole('button', { name: 'Publish review' }).click();
  await reviews.getByText('Choose from 1 to 5 stars.').waitFor();
  await reviews.getByText('Write a few words about the product.').waitFor();
  // As a keyboard user would: focus the star group, then choose with Space.
  await reviews.getByRole('radio', { name: '4 stars' }).focus();
  await buyerPage.keyboard.press('Space');
  assert.equal(await reviews.getByRole('radio', { name: '4 stars' }).isChecked(), true);
  await reviews.getByLabel('Your review').fill('Warm light <b>not bold</b>.\n\nSturdy base.');
  await reviews
    .getByLabel('Add photos (optional)')
    .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG });
  await reviews.getByRole('button', { name: 'Publish review' }).click();
  await reviews.getByText('Thank you! Your review is published.').waitFor();
  const mine = reviews.getByRole('article', { name: 'Your review' });
  await mine.getByText('Warm light <b>not bold</b>.').waitFor();
  assert.equal(await mine.locator('b').count(), 0, 'review text is never HTML');
  await mine.getByRole('img', { name: 'Photo 1 from Amina’s review' }).waitFor();
  await reviews.getByText('4 out of 5 stars, 1 review').waitFor();
  // The product's rating at the top of the page and its store's follow at once, without a reload.
  await buyerPage.locator('.product-rating').getByText('4 out of 5 stars, 1 review').waitFor();
  await buyerPage
    .locator('.store-rating')
    .getByText(/out of 5 stars, \d+ reviews?/)
    .waitFor();
  await assertAccessible(buyerPage, 'product page with the buyer’s review');

  const questions = buyerPage.getByRole('region', { name: 'Questions and answers' });
  await questions.getByLabel('Ask a question about this product').fill('Does it work with a dimmer?');
  await questions.getByRole('button', { name: 'Ask question' }).click();
  await questions.getByText('Your question is posted. The seller and buyers can answer it.').waitFor();
  await questions
    .getByRole('article', { name: 'Question from Amina' })
    .getByText('Does it work with a dimmer?')
    .waitFor();
  await assertAccessible(buyerPage, 'product page with the question');

  // The seller answers, then reports the review.
  const sellerPage = await signInPage(browser, base, 'idris@example.com', `/p/${lamp}`);
  await sellerPage.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
  const sellerQuestions = sellerPage.getByRole('region', { name: 'Questions and answers' });
  await sellerQuestions.getByRole('button', { name: 'Answer the question from Amina' }).click();
  await sellerQuestions.getByLabel('Your answer').fill('Yes, with any dimmer switch.');
  await sellerQuestions.getByRole('button', { name: 'Post answer' }).click();
  const answer = sellerQuestions.getByRole('article', { name: 'Answer by the seller' });
  await answer.getByText('Yes, with any dimmer switch.').waitFor();
  await answer.getByText('Seller', { exact: true }).waitFor();
  await sellerPage
    .getByRole('region', { name: 'Reviews' })
    .getByText('You can review this product once an order of it has been delivered to you.')
    .waitFor();
  await assertAccessible(sellerPage, 'product page as the seller');

  const sellerReviews = sellerPage.getByRole('region', { name: 'Reviews' });
  await sellerReviews.getByRole('button', { name: 'Report review by Amina' }).click();
  const dialog = sellerPage.getByRole('dialog', { name: 'Report this review?' });
  await dialog.getByLabel('Why are you reporting it?').selectOption('off_topic');
  await assertAccessible(sellerPage, 'report dialog');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await sellerReviews.getByText('Thank you. Staff will look at this review.').waitFor();

  // A visitor sees the rating on the product page and on its card.
  const guestContext = await browser.newContext({ locale: 'en-US' });
  // The store ships to France: search shows what ships to the header's country.
  await guestContext.addInitScript(() => localStorage.setItem('souk.country', 'FR'));
  const guest = await guestContext.newPage();
  await guest.goto(`${base}/p/${lamp}`);
  await guest.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
  await guest.locator('.product-rating').getByText('4 out of 5 stars, 1 review').waitFor();
  await guest.getByRole('img', { name: '4 out of 5 stars' }).first().waitFor();
  await guest.getByText('Seller rating:').waitFor();
  await guest
    .getByRole('region', { name: 'Questions and answers' })
    .getByText('Yes, with any dimmer switch.')
    .waitFor();
  await guest.getByRole('link', { name: 'Sign in to write a review' }).waitFor();
  await assertAccessible(guest, 'product page for a visitor');
  await guest.goto(`${base}/search?q=brass`);
  await guest.getByRole('heading', { name: 'Brass Lamp' }).waitFor();
  await guest.getByText('4 out of 5 stars, 1 review').waitFor();
  await assertAccessible(guest, 'search results with ratings');

  // Staff hide the reported review; the product has no rating left.
  const staffPage = await signInPage(browser, base, 'staff@example.com', '/admin/reports');
  await staffPage.getByRole('heading', { name: 'Reported posts', level: 1 }).waitFor();
  const reported = staffPage.getByRole('article', { name: 'Review by Amina on Brass Lamp' });
  await reported.getByText('Not about this product').waitFor();
  await assertAccessible(staffPage, 'admin reports');
  await reported.getByRole('button', { name: 'Hide review' }).click();
  await staffPage.getByText('Review by Amina on Brass Lamp is hidden.').waitFor();
  await staffPage.getByText('No reports are waiting. Well done.').waitFor();
  await assertAccessible(staffPage, 'admin reports, all handled');

  await guest.goto(`${base}/p/${lamp}`);
  await guest.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
  await guest.getByRole('region', { name: 'Reviews' }).getByText('No one has reviewed this product yet.').waitFor();
  assert.equal(await guest.getByText('Warm light').count(), 0);

  await buyerPage.reload();
  await buyerPage.getByText('Staff hid this review after a report. Only you can see it.').waitFor();
  await assertAccessible(buyerPage, 'product page with the buyer’s hidden review');
});
