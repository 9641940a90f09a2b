// Reviews, questions, messages and support in French (issue 20, decision 059), in Chromium: a
// browser speaking French reviews a product it received and asks a question, writes to the seller
// and reads the reply count, and contacts support about the order. Every page is read in French and
// is axe-clean at both widths, with no text missing a translation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkipReason, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { STRONG_PASSWORD, signUpAndSignIn } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { grantRole } from '../../src/modules/roles/service.ts';

const ADDRESS = {
  fullName: 'Camille Martin',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
  phone: '+33 6 12 34 56 78',
};
const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };

/** A new browser context speaking French, signed in (the sign-in page is not what this test is about). */
async function frenchPage(browser: Browser, base: string, email: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: WIDTHS[1].viewport,
  });
  const signedIn = await context.request.post(`${base}/api/auth/sign-in`, {
    data: { email, password: STRONG_PASSWORD },
    headers: { origin: base },
  });
  assert.equal(signedIn.status(), 200, await signedIn.text());
  return context.newPage();
}

/** axe on the page as it is now, at the phone's width then the desktop's (where it stays). */
async function assertAccessibleAtBothWidths(page: Page, label: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize(width.viewport);
    await assertAccessible(page, `${label} (${width.name})`);
  }
}

test('reviews, questions, messages and support in French', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });

  const buyer = await signUpAndSignIn(app, 'camille@example.com', STRONG_PASSWORD, 'Camille', base);
  const sellerApi = await signUpAndSignIn(app, 'idris@example.com', STRONG_PASSWORD, 'Idris Seller', base);
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  const seller = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'idris@example.com')
    .executeTakeFirstOrThrow();
  await db.updateTable('stores').set({ owner_user_id: seller.id }).where('id', '=', store.storeId).execute();
  await signUpAndSignIn(app, 'sami@example.com', STRONG_PASSWORD, 'Sami Staff', base);
  await grantRole(db, 'sami@example.com', 'staff');
  const lamp = await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500 });

  // A delivered order, so that Camille may review the lamp.
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
  const shipped = await sellerApi.post(`/api/seller/orders/${order.id}/ship`, {
    carrier: 'Colissimo',
    trackingNumber: 'CP123456789FR',
  });
  assert.equal(shipped.statusCode, 200, shipped.body);
  const delivered = await sellerApi.post(`/api/seller/orders/${order.id}/tracking`, { status: 'delivered' });
  assert.ok(delivered.statusCode < 300, delivered.body);

  const page = await frenchPage(browser, base, 'camille@example.com');

  // Reviews: the form's own checks, then the published review, all in French.
  await page.goto(`${base}/p/${lamp}#write-review`);
  await page.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  const reviews = page.getByRole('region', { name: 'Avis', exact: true });
  await reviews.getByRole('heading', { name: 'Donner votre avis' }).waitFor();
  await reviews.getByText('Personne n’a encore donné son avis sur ce produit.').waitFor();
  await assertAccessibleAtBothWidths(page, 'review form in French');
  await reviews.getByRole('button', { name: 'Publier l’avis' }).click();
  await reviews.getByText('Choisissez de 1 à 5 étoiles.').waitFor();
  await reviews.getByText('Écrivez quelques mots sur le produit.').waitFor();
  // As a keyboard user would: focus the fourth star, then choose it with Space.
  const fourStars = reviews.locator('input[type="radio"][value="4"]');
  await fourStars.focus();
  await page.keyboard.press('Space');
  assert.equal(await fourStars.isChecked(), true);
  await reviews.getByLabel('Votre avis', { exact: true }).fill('Une lumière chaude, un pied solide.');
  await reviews.getByRole('button', { name: 'Publier l’avis' }).click();
  await reviews.getByText('Merci ! Votre avis est publié.').waitFor();
  const mine = reviews.getByRole('article', { name: 'Votre avis', exact: true });
  await mine.getByText('Une lumière chaude, un pied solide.').waitFor();
  await mine.getByText('Camille (vous)').waitFor();
  await mine.getByRole('button', { name: 'Modifier l’avis' }).waitFor();
  await assertAccessibleAtBothWidths(page, 'published review in French');

  // A question about the product.
  const questions = page.getByRole('region', { name: 'Questions et réponses' });
  await questions.getByText('Pas encore de question.').waitFor();
  await questions.getByLabel('Posez une question sur ce produit').fill('Fonctionne-t-elle avec un variateur ?');
  await questions.getByRole('button', { name: 'Poser la question' }).click();
  await questions.getByText('Votre question est publiée. Le vendeur et les acheteurs peuvent y répondre.').waitFor();
  const question = questions.getByRole('article', { name: 'Question de Camille' });
  await question.getByText('Fonctionne-t-elle avec un variateur ?').waitFor();
  await question.getByText('Pas encore de réponse.').waitFor();
  await question.getByRole('button', { name: 'Modifier votre question' }).waitFor();
  await assertAccessibleAtBothWidths(page, 'question in French');

  // Writing to the seller about the lamp.
  await page.goto(`${base}/account/messages/new?productId=${lamp}`);
  await page.getByRole('heading', { name: 'Écrire à Atlas Lamps', level: 1 }).waitFor();
  await page.getByText(/Si vous avez déjà écrit à Atlas Lamps à ce sujet/).waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Brass Lamp' }).waitFor();
  await page.getByText(/Texte brut, jusqu’à 2\s000 caractères \(2\s000 restants\)/).waitFor();
  await assertAccessibleAtBothWidths(page, 'new message in French');
  await page.getByLabel('Votre message').fill('Bonjour, l’abat-jour est-il en laiton ?');
  await page.getByRole('button', { name: 'Envoyer le message' }).click();
  await page.getByRole('heading', { name: 'Conversation avec Atlas Lamps', level: 1 }).waitFor();
  const thread = page.getByRole('list', { name: 'Messages, du plus ancien au plus récent' });
  await thread.getByText('Bonjour, l’abat-jour est-il en laiton ?').waitFor();
  await thread.getByText('Vous', { exact: true }).waitFor();
  await page.getByText('À propos de Brass Lamp').waitFor();
  await page.getByRole('heading', { name: 'Répondre', level: 2 }).waitFor();
  await assertAccessibleAtBothWidths(page, 'conversation in French');
  const conversationId = new URL(page.url()).pathname.split('/').at(-1)!;

  // The seller answers; the list counts the unread reply in French.
  const reply = await sellerApi.post(`/api/seller/conversations/${conversationId}/messages`, {
    body: 'Oui, en laiton massif.',
  });
  assert.equal(reply.statusCode < 300, true, reply.body);
  await page.goto(`${base}/account/messages`);
  await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
  await page.getByText('1 conversation, la plus récente d’abord ; 1 message non lu.').waitFor();
  const conversations = page.getByRole('list', { name: 'Conversations' });
  await conversations.getByText('À propos de Brass Lamp').waitFor();
  await conversations.getByText('1 message non lu', { exact: true }).waitFor();
  await assertAccessibleAtBothWidths(page, 'conversations in French');

  // Support: no request yet, then one about the order.
  await page.goto(`${base}/account/support`);
  await page.getByRole('heading', { name: 'Assistance', level: 1 }).waitFor();
  await page.getByText('Vous n’avez pas encore contacté l’assistance.').waitFor();
  await assertAccessibleAtBothWidths(page, 'support in French');
  await page.getByRole('link', { name: 'Contacter l’assistance' }).click();
  await page.getByRole('heading', { name: 'Contacter l’assistance', level: 1 }).waitFor();
  await page.getByLabel('De quoi s’agit-il ?').selectOption('order_problem');
  await page.getByLabel('Commande (facultatif)').selectOption(order.id);
  await page.getByLabel('Objet').fill('Abat-jour rayé');
  await page.getByLabel('Message', { exact: true }).fill('L’abat-jour est arrivé rayé.');
  await assertAccessibleAtBothWidths(page, 'support form in French');
  await page.getByRole('button', { name: 'Envoyer à l’assistance' }).click();
  await page.getByRole('heading', { name: 'Abat-jour rayé', level: 1 }).waitFor();
  await page.getByText(/^Votre demande .+ a été envoyée\. Nous vous écrirons par e-mail/).waitFor();
  const facts = page.locator('.order-facts');
  await facts.getByText('Un problème avec une commande').waitFor();
  await facts.getByText('Ouverte', { exact: true }).waitFor();
  await facts.getByRole('link', { name: order.number }).waitFor();
  await page.getByRole('list', { name: 'Messages' }).getByText('L’abat-jour est arrivé rayé.').waitFor();
  await page.getByRole('button', { name: 'Clôturer cette demande' }).waitFor();
  await page.getByLabel('Votre réponse').waitFor();
  await assertAccessibleAtBothWidths(page, 'support request in French');

  await page.goto(`${base}/account/support`);
  await page.getByText('1 demande, activité la plus récente d’abord.').waitFor();
  await page
    .getByRole('list', { name: 'Vos demandes d’assistance' })
    .getByText(/Un problème avec une commande · commande .+ · dernière activité/)
    .waitFor();
  await assertAccessibleAtBothWidths(page, 'support requests in French');
  const ticketPath = new URL(
    await page.getByRole('link', { name: 'Abat-jour rayé' }).evaluate((a) => (a as HTMLAnchorElement).href),
  ).pathname;

  // Staff read the management console in French and answer the request.
  const staff = await frenchPage(browser, base, 'sami@example.com');
  await staff.goto(`${base}/admin`);
  await staff.getByRole('heading', { name: 'Vue d’ensemble', level: 1 }).waitFor();
  const queues = staff.getByRole('list', { name: 'Files d’attente' });
  await queues.getByRole('link', { name: 'Demandes d’assistance' }).waitFor();
  await queues.getByText('1 en cours').waitFor();
  await staff.getByText('Aucun remboursement échoué.').waitFor();
  await assertAccessibleAtBothWidths(staff, 'admin overview in French');

  await staff.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Litiges' }).click();
  await staff.getByRole('heading', { name: 'Litiges', level: 1 }).waitFor();
  await staff.getByText('Aucun litige ici.').waitFor();
  await assertAccessibleAtBothWidths(staff, 'disputes in French');

  await staff.goto(`${base}/admin/exchange-rates`);
  await staff.getByRole('heading', { name: 'Taux de change', level: 1 }).waitFor();
  await staff
    .getByText('Pas encore de taux de change : les prix s’affichent uniquement dans la devise de chaque vendeur.')
    .waitFor();
  await staff.getByRole('button', { name: 'Enregistrer ces taux' }).waitFor();
  await assertAccessibleAtBothWidths(staff, 'exchange rates in French');

  await staff.goto(`${base}/admin/tickets`);
  await staff.getByRole('heading', { name: 'Demandes d’assistance', level: 1 }).waitFor();
  await staff.getByText('Ouverte : 1 demande, activité la plus récente d’abord.').waitFor();
  await assertAccessibleAtBothWidths(staff, 'support tickets in French');
  await staff.getByRole('link', { name: 'Abat-jour rayé' }).click();
  await staff.getByRole('heading', { name: 'Abat-jour rayé', level: 1 }).waitFor();
  await staff.getByText('Camille (camille@example.com)').waitFor();
  await staff.getByLabel('Réponse au client').fill('Nous vous envoyons un nouvel abat-jour.');
  await staff.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await staff.getByText('Réponse envoyée. La demande est maintenant « En attente du client ».').waitFor();
  await assertAccessibleAtBothWidths(staff, 'support ticket in French');
  await staff.context().close();

  // The customer reads the answer from "Assistance Souk".
  await page.goto(`${base}${ticketPath}`);
  await page.getByRole('heading', { name: 'Abat-jour rayé', level: 1 }).waitFor();
  await facts.getByText('Répondu : en attente de votre retour').waitFor();
  const answered = page.getByRole('list', { name: 'Messages' });
  await answered.getByText('Assistance Souk', { exact: true }).waitFor();
  await answered.getByText('Nous vous envoyons un nouvel abat-jour.').waitFor();
  await assertAccessibleAtBothWidths(page, 'answered support request in French');
  await page.context().close();
});
