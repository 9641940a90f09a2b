// Shopping in French (issue 20, decision 059) in Chromium: a French browser goes from the home page
// through a corrected search, a product, the cart, signing up and signing in, to checkout, and pays;
// every page speaks French (headings, labels, counts, the corrected search, the checkout steps) with
// French formats ("38,79 €"), and is axe-clean at both widths with no text missing a translation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  assertAccessible,
  browserSkipReason,
  newPage,
  openLatestMail,
  startBrowserRun,
  WIDTHS,
} from '../helpers/browser.ts';
import { createFixtureProduct, createFixtureStore } from '../helpers/catalog.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';
import { rateBookOf } from '../../src/modules/currency/index.ts';

const EMAIL = 'camille.durand@example.com';
const PASSWORD = 'lavande-quai-boussole-42';

/** axe and the missing-translation check at the phone width and at the desktop width. */
async function assertAccessibleAtBothWidths(page: Page, label: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize(width.viewport);
    await assertAccessible(page, `${label} (${width.name})`);
  }
}

test('a French shopper browses, signs up and pays in French', {
  skip: browserSkipReason,
  timeout: 240_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const db = server.app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  const store = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 500, min_days: 2, max_days: 4 },
  ]);
  await createFixtureProduct(db, store, { title: 'Brass Lamp', price: 4500, stock: 50 });
  await rateBookOf(db).record(
    { base: 'EUR', asOf: new Date().toISOString().slice(0, 10), rates: { USD: '1.16' } },
    'staff',
  );

  const page = await newPage(browser, WIDTHS[1], { shipTo: 'FR', locale: 'fr-FR' });

  // Home.
  await page.goto(base);
  await page.getByRole('heading', { name: 'Bienvenue sur Souk', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Nouveautés', level: 2 }).waitFor();
  assert.equal(await page.title(), 'Accueil · Souk');
  await assertAccessibleAtBothWidths(page, 'home page in French');

  // A misspelt search: corrected, said in French, with the count in French.
  await page.getByLabel('Rechercher des produits').fill('brasss lamp');
  await page.getByLabel('Rechercher des produits').press('Enter');
  await page.getByRole('heading', { name: 'Résultats pour « brasss lamp »', level: 1 }).waitFor();
  const status = page.getByRole('status').filter({ hasText: 'Résultats affichés pour' });
  await status.waitFor();
  assert.match(
    (await status.textContent()) ?? '',
    /^1 résultatRésultats affichés pour brass lamp · Rechercher plutôt brasss lamp$/,
  );
  await page.getByLabel('Trier par').waitFor();
  await page.getByLabel('Afficher les articles non livrés en France').waitFor();
  await page
    .locator('.product-card .price-current')
    .getByText(/38,79\s€/)
    .waitFor();
  await assertAccessibleAtBothWidths(page, 'search in French');

  // The product: price converted in French format, shipping and stock in French.
  await page.getByRole('link', { name: 'Brass Lamp' }).first().click();
  await page.getByRole('heading', { name: 'Brass Lamp', level: 1 }).waitFor();
  await page
    .locator('.product-summary .price-current')
    .getByText(/38,79\s€/)
    .waitFor();
  await page.getByText('En stock : 50').waitFor();
  await page.getByRole('heading', { name: 'Livraison', level: 2 }).waitFor();
  await page.getByText('Pas encore d’avis').first().waitFor();
  await page.getByLabel('Quantité').selectOption('2');
  await page.getByRole('button', { name: 'Ajouter au panier' }).click();
  await page.getByText('2 articles ajoutés à votre panier.').waitFor();
  await page.locator('#cart-count', { hasText: '2 articles' }).waitFor({ state: 'attached' });
  await assertAccessibleAtBothWidths(page, 'product page in French');

  // The cart: charged in the seller's dollars, the euros beside them, in French formats.
  await page.getByRole('link', { name: 'Panier', exact: true }).click();
  await page.getByRole('heading', { name: 'Panier', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Vendu par Atlas Lamps' }).waitFor();
  await page.getByText('Sous-total (2 articles)').waitFor();
  assert.match(await page.locator('.cart-summary strong').innerText(), /^90,00\s\$US\s\(≈\s+environ\s+77,59\s€\)$/);
  await assertAccessibleAtBothWidths(page, 'cart in French');

  // "Commander" signed out → sign in → create an account → verify → sign in → back in checkout.
  await page.getByRole('button', { name: 'Commander' }).click();
  await page.getByRole('heading', { name: 'Se connecter', level: 1 }).waitFor();
  await assertAccessibleAtBothWidths(page, 'sign-in in French');
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await page.getByRole('heading', { name: 'Créer un compte', level: 1 }).waitFor();
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByLabel('Nom affiché').fill('Camille');
  await assertAccessibleAtBothWidths(page, 'sign-up in French');
  await page.getByRole('button', { name: 'Créer un compte' }).click();
  await page.getByRole('heading', { name: 'Consultez vos e-mails' }).waitFor();
  await page.getByText(EMAIL).waitFor();
  await openLatestMail(page, base, EMAIL, /Confirmez votre adresse e-mail/);
  await page.getByRole('link', { name: 'Confirmer mon adresse' }).click();
  await page.getByRole('heading', { name: 'Vérifier votre e-mail', level: 1 }).waitFor();
  await assertAccessibleAtBothWidths(page, 'verify in French');
  await page.getByRole('button', { name: 'Vérifier mon e-mail' }).click();
  await page.getByText('Votre e-mail est vérifié.').waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Se connecter' }).click();
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();

  // Checkout, in its three French steps.
  await page.getByRole('heading', { name: 'Paiement', level: 1 }).waitFor();
  assert.match(page.url(), /\/checkout$/);
  assert.equal(await page.title(), 'Paiement · Souk');
  await page.getByRole('heading', { name: '1. Adresse de livraison' }).waitFor();
  await page.getByRole('heading', { name: '2. Vérifiez vos commandes' }).waitFor();
  await page.getByRole('heading', { name: '3. Paiement' }).waitFor();
  await page.getByRole('heading', { name: 'Commande 1 sur 1 : vendue par Atlas Lamps' }).waitFor();
  await page.getByLabel('Nom complet').fill('Camille Durand');
  await page.getByLabel('Adresse', { exact: true }).fill('4 Quai Saint-Antoine');
  await page.getByLabel('Ville').fill('Lyon');
  await page.getByLabel('Code postal (facultatif)').fill('69002');
  await page.getByLabel('Pays').selectOption('FR');
  await page.getByText('Livraison en France').waitFor();
  await page.getByText('Livraison en 2 à 4 jours après l’expédition par le vendeur.').waitFor();
  // 2 × 45,00 $US and 5,00 $US shipping.
  await page
    .locator('.checkout-submit strong')
    .getByText(/95,00\s\$US/)
    .waitFor();
  await page.getByLabel('Numéro de carte').fill('4242 4242 4242 4242');
  await page.getByLabel('Mois d’expiration').selectOption('12');
  await page.getByLabel('Année d’expiration').selectOption(String(new Date().getFullYear() + 3));
  await page.getByLabel('Code de sécurité').fill('123');
  await assertAccessibleAtBothWidths(page, 'checkout in French');
  await page.getByRole('button', { name: 'Passer la commande et payer' }).click();

  await page.getByRole('heading', { name: 'Merci ! Votre commande est passée', level: 1 }).waitFor();
  await page.getByText(/Nous avons bien reçu votre paiement de 95,00\s\$US\./).waitFor();
  assert.equal(
    await page
      .getByRole('main')
      .getByRole('link', { name: /^Commande SK-/ })
      .count(),
    1,
  );
  await page.getByRole('link', { name: 'Voir toutes vos commandes' }).waitFor();
  await assertAccessibleAtBothWidths(page, 'order placed in French');
  await page.context().close();
});
