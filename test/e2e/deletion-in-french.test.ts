// "Supprimer le compte" in a French browser (issue 20): Paramètres → Modifier le profil →
// "Supprimer le compte", the page saying what happens to each kind of data, a blocker (an order
// not shipped yet) worded in French with how to clear it, then the typed email, a reason and the
// red "Désactiver mon compte"; staff then erase the account from /admin/deletions and read why
// people leave. Every page axe-clean at both widths, with no text missing a translation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkipReason, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { signUpAndSignIn, type Client } from '../helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { grantRole } from '../../src/modules/roles/service.ts';

const EMAIL = 'camille.martin@example.com';

/** A French browser carrying the API client's session (the sign-in page is another feature's). */
async function frenchPage(browser: Browser, base: string, client: Client): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: base })));
  return context.newPage();
}

/** Axe-clean and fully translated at the phone's width and at the desktop's. */
async function accessibleAtBothWidths(page: Page, label: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize(width.viewport);
    await assertAccessible(page, `${label} (${width.name})`);
  }
}

test('deleting an account in French', { skip: browserSkipReason, timeout: 180_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const base = server.url;
  const db = server.app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Atelier Lyon', [
    { country: 'FR', cost_minor: 0, min_days: 1, max_days: 3 },
  ]);
  const vase = await createFixtureProduct(db, store, { title: 'Vase bleu', price: 3000, stock: 5 });
  const leaver = await signUpAndSignIn(server.app, EMAIL, undefined, 'Camille', base);
  await leaver.post('/api/cart/lines', { productId: vase, quantity: 1 });
  const placed = await leaver.post('/api/checkout', {
    idempotencyKey: randomUUID(),
    address: { fullName: 'Camille Martin', line1: '3 rue Mercière', city: 'Lyon', country: 'FR' },
    card: { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' },
    expectedTotal: { amount: 3000, currency: 'USD' },
  });
  assert.equal(placed.statusCode, 201, placed.body);
  const order = placed.json().orders[0] as { id: string; number: string };

  const page = await frenchPage(browser, base, leaver);
  await page.goto(`${base}/`);
  await page.getByRole('banner').getByRole('link', { name: 'Compte', exact: true }).click();
  await page.getByRole('navigation', { name: 'Compte' }).getByRole('link', { name: 'Paramètres' }).click();
  await page.getByRole('heading', { name: 'Paramètres', level: 1 }).waitFor();
  await accessibleAtBothWidths(page, 'Paramètres');
  await page.getByRole('link', { name: 'Modifier le profil' }).click();
  await page.getByRole('heading', { name: 'Modifier le profil', level: 1 }).waitFor();
  await accessibleAtBothWidths(page, 'Modifier le profil');
  await page.getByRole('link', { name: 'Supprimer le compte' }).click();

  // What will happen to each kind of data, and the paid order that stops the deletion for now.
  await page.getByRole('heading', { name: 'Supprimer votre compte', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Ce qui sera effacé' }).waitFor();
  await page.getByText('0 carte enregistrée et 0 adresse enregistrée.').waitFor();
  await page.getByRole('heading', { name: 'Ce qui est conservé, et pourquoi' }).waitFor();
  await page.getByRole('heading', { name: 'Ce qui se passe ensuite' }).waitFor();
  await page.getByRole('link', { name: 'Télécharger vos données' }).waitFor();
  const blocker = page.getByRole('alert');
  await blocker.getByText('Avant de pouvoir supprimer votre compte, veuillez régler ceci :').waitFor();
  await blocker
    .getByRole('link', { name: `Votre commande ${order.number} est payée et n’a pas encore été expédiée.` })
    .waitFor();
  await blocker
    .getByText('Attendez son expédition, ou annulez-la sur la page de la commande (vous êtes remboursé).')
    .waitFor();
  const button = page.getByRole('button', { name: 'Désactiver mon compte' });
  assert.equal(await button.isDisabled(), true, 'blocked: the button waits');
  await accessibleAtBothWidths(page, 'Supprimer votre compte, bloqué');

  // Cleared: the order is cancelled (and refunded); it stays as an anonymous record.
  assert.equal((await leaver.post(`/api/orders/${order.id}/cancel`)).statusCode, 200);
  await page.reload();
  await page.getByRole('heading', { name: 'Supprimer votre compte', level: 1 }).waitFor();
  await page.getByText(new RegExp(`^Commande ${order.number} chez Atelier Lyon, du `)).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'nothing blocks any more');
  await page.getByLabel('Confirmez votre adresse e-mail').fill(EMAIL);
  await page.getByLabel('Pourquoi partez-vous ? (facultatif)').selectOption({ label: 'J’ai un autre compte' });
  await page.getByLabel('Commentaire (facultatif)').fill('Je passe à mon compte professionnel.');
  await page.getByLabel('Je comprends que mon compte sera supprimé et ne pourra pas être récupéré.').check();
  assert.equal(await button.isDisabled(), false);
  const color = await button.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.match(color, /rgb\(179, 38, 30\)/, 'the button is red');
  await accessibleAtBothWidths(page, 'Supprimer votre compte, confirmé');
  await button.click();
  await page.getByText('Nous avons reçu votre demande.').waitFor();
  const reference = (await page.locator('strong', { hasText: /^DEL-/ }).innerText()).trim();
  assert.match(reference, /^DEL-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await page.getByText(/La suppression sera terminée au plus tard le/).waitFor();
  await accessibleAtBothWidths(page, 'demande reçue');

  // Staff erase it now, in French too.
  const manager = await signUpAndSignIn(server.app, 'responsable@souk.example', undefined, 'Inès', base);
  await grantRole(db, 'responsable@souk.example', 'staff');
  const admin = await frenchPage(browser, base, manager);
  await admin.goto(`${base}/admin/deletions`);
  await admin.getByRole('heading', { name: 'Demandes de suppression', level: 1 }).waitFor();
  const card = admin.getByRole('listitem', { name: reference });
  await card.locator('.badge', { hasText: 'Reçue' }).waitFor();
  await accessibleAtBothWidths(admin, 'Demandes de suppression');
  await card.getByRole('button', { name: 'Traiter maintenant' }).click();
  await card.getByText('Effacer ce compte maintenant ? C’est irréversible.').waitFor();
  await card.getByRole('button', { name: 'Effacer maintenant' }).click();
  await admin.getByText(`${reference} : Effacement terminé ; certificat délivré.`).waitFor();
  await admin.getByRole('link', { name: 'Terminées' }).click();
  const completed = admin.getByRole('listitem', { name: reference });
  await completed.locator('.badge', { hasText: 'Terminée' }).waitFor();
  await completed.getByText('Certificat d’effacement').click();
  await completed.getByText(/Analyse de vérification : rien trouvé/).waitFor();
  await accessibleAtBothWidths(admin, 'demande terminée avec son certificat');

  await admin.goto(`${base}/admin/insights/leaving`);
  await admin.getByRole('heading', { name: 'Pourquoi les gens partent', level: 1 }).waitFor();
  await admin.getByRole('rowheader', { name: 'J’ai un autre compte' }).waitFor();
  await admin.getByText('Je passe à mon compte professionnel.').waitFor();
  await accessibleAtBothWidths(admin, 'Pourquoi les gens partent');
});
