// An order page with a return, in a French browser (issue 20): the orders list, the delivered
// order (status, totals, address, parcel scans), its return (status, reason, timeline, what the
// buyer can still do), asked through the "Retour ou remboursement" form; axe-clean at both widths, with no
// text missing a translation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { assertAccessible, browserSkipReason, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { STRONG_PASSWORD, signUpAndSignIn } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

async function accessibleAtBothWidths(page: Page, label: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize(width.viewport);
    await assertAccessible(page, `${label} (${width.name})`);
  }
}

test('an order page with a return, in French', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  const buyer = await signUpAndSignIn(app, 'lea@example.com', STRONG_PASSWORD, 'Léa Moreau', base);
  const seller = await signUpAndSignIn(app, 'karim@example.com', STRONG_PASSWORD, 'Karim Vendeur', base);
  const store = await createFixtureStore(db, 'Lampes de l’Atlas', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
  ]);
  const sellerId = (
    await db.selectFrom('users').select('id').where('email', '=', 'karim@example.com').executeTakeFirstOrThrow()
  ).id;
  await db.updateTable('stores').set({ owner_user_id: sellerId }).where('id', '=', store.storeId).execute();
  const lamp = await createFixtureProduct(db, store, { title: 'Lampe en laiton', price: 4500 });

  assert.equal((await buyer.post('/api/cart/lines', { productId: lamp, quantity: 2 })).statusCode, 200);
  const quote = (await buyer.get('/api/checkout?country=FR')).json() as { total: { amount: number; currency: string } };
  const placed = await buyer.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: {
      fullName: 'Léa Moreau',
      line1: '8 quai Saint-Vincent',
      city: 'Lyon',
      postalCode: '69001',
      country: 'FR',
    },
    card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' },
    expectedTotal: quote.total,
  });
  assert.equal(placed.statusCode, 201, placed.body);
  const order = placed.json().orders[0] as { id: string; number: string };
  const shipped = await seller.post(`/api/seller/orders/${order.id}/ship`, {
    carrier: 'Colissimo',
    trackingNumber: 'COL-123456-FR',
  });
  assert.equal(shipped.statusCode, 200, shipped.body);
  assert.equal((await seller.post(`/api/seller/orders/${order.id}/tracking`, { status: 'delivered' })).statusCode, 200);
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  await context.addCookies([...buyer.cookies].map(([name, value]) => ({ name, value, url: base })));
  const page = await context.newPage();

  await page.goto(`${base}/account/orders`);
  await page.getByRole('heading', { name: 'Commandes', level: 1 }).waitFor();
  await page.getByText('1 commande, la plus récente d’abord.').waitFor();
  const card = page.getByRole('list', { name: 'Vos commandes' }).getByRole('listitem');
  await card.getByText('Livrée').waitFor();
  await card.getByText('(2 articles)').waitFor();
  await accessibleAtBothWidths(page, 'Commandes');

  await card.getByRole('link', { name: `Commande ${order.number}` }).click();
  await page.getByRole('heading', { name: `Commande ${order.number}`, level: 1 }).waitFor();
  assert.equal(await page.title().then((title) => title.startsWith(`Commande ${order.number}`)), true);
  await page.getByText('Vendue par Lampes de l’Atlas').waitFor();
  await page.getByRole('link', { name: 'Contacter le vendeur' }).waitFor();
  for (const heading of ['Articles', 'Adresse de livraison', 'État', 'Expédition', 'Retours'])
    await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
  await page
    .getByRole('list', { name: 'Passages du colis, du plus ancien au plus récent' })
    .getByText('Livré')
    .waitFor();
  await accessibleAtBothWidths(page, 'une commande livrée');

  // "Retour ou remboursement": the form, its checks, then the return asked.
  await page.getByRole('button', { name: 'Retour ou remboursement' }).click();
  await page.getByRole('group', { name: 'Articles à retourner' }).waitFor();
  await page.getByRole('button', { name: 'Envoyer la demande de retour' }).click();
  await page.getByRole('alert').filter({ hasText: 'Choisissez au moins un article à retourner.' }).waitFor();
  await page.getByLabel(/^Lampe en laiton/).selectOption({ label: 'En retourner 1' });
  await page.getByLabel('Raison', { exact: true }).selectOption({ label: 'Arrivé endommagé' });
  await page.getByLabel('Commentaire', { exact: true }).fill('L’abat-jour est arrivé fêlé.');
  await accessibleAtBothWidths(page, 'le formulaire de retour');
  await page.getByRole('button', { name: 'Envoyer la demande de retour' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /Le retour RT-\w+ est envoyé au vendeur\./ })
    .waitFor();
  const returnCard = page.getByRole('article', { name: /^Retour RT-/ });
  await returnCard.getByText('En attente du vendeur').waitFor();
  await returnCard.getByText('Arrivé endommagé').waitFor();
  await returnCard.getByRole('list', { name: /^Retour RT-\w+, du plus ancien au plus récent$/ }).waitFor();
  await returnCard.getByText('Retour demandé').waitFor();
  await returnCard.getByRole('button', { name: /^Retirer le retour/ }).waitFor();
  await accessibleAtBothWidths(page, 'une commande livrée avec son retour');
});
