// The seller center in French (issue 20, decision 059) in Chromium: a French browser (fr-FR) opens a
// store, sets up shipping, adds a product with variants, checks its products and store settings, and
// reads its dashboard: French texts, prices, dates and day labels in the reader's locale, amounts typed
// and shown with a decimal comma; axe-clean at both widths on every page, with no text missing a
// translation (assertAccessible).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { assertAccessible, browserSkipReason, newPage, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { STRONG_PASSWORD, signUpAndSignIn } from '../helpers/app.ts';
import { createOrderOf, userIdOf } from '../helpers/posts.ts';
import { seedCatalog } from '../../src/modules/catalog/seed.ts';

const EMAIL = 'camille.vendeuse@example.com';
const DAY = 86_400_000;

async function accessibleAtBothWidths(page: Page, label: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize(width.viewport);
    await assertAccessible(page, `${label} (${width.name})`);
  }
}

test('the seller center in French', { skip: browserSkipReason, timeout: 240_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  await seedCatalog(db, { products: 0, stores: 0 });
  await signUpAndSignIn(app, EMAIL, STRONG_PASSWORD, 'Camille', base);

  const page = await newPage(browser, WIDTHS[1], { locale: 'fr-FR' });
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${base}/`);
  const main = page.getByRole('main');
  // Signed in through the API from the page (the sign-in page's own French test is elsewhere).
  const status = await page.evaluate(
    async ({ email, password }) =>
      (
        await fetch('/api/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).status,
    { email: EMAIL, password: STRONG_PASSWORD },
  );
  assert.equal(status, 200);

  // No store yet: the form to open one, its errors in French.
  await page.goto(`${base}/seller`);
  await page.getByRole('heading', { level: 1, name: 'Ouvrir votre boutique' }).waitFor();
  assert.equal(await page.title(), 'Ouvrir votre boutique · Souk');
  await page.getByRole('button', { name: 'Ouvrir la boutique' }).click();
  await page.getByText('Saisissez un nom de boutique de 1 à 80 caractères.').waitFor();
  await accessibleAtBothWidths(page, 'open your store, in French, with errors');
  await main.getByLabel('Nom de la boutique').fill('Atelier Camille');
  await main.getByLabel('Pays').selectOption('FR');
  assert.equal(await main.getByLabel('Pays').locator('option:checked').textContent(), 'France');
  await page.getByRole('button', { name: 'Ouvrir la boutique' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Espace vendeur' });
  for (const label of [
    'Tableau de bord',
    'Produits',
    'Commandes',
    'Messages',
    'Livraison',
    'Paramètres de la boutique',
  ])
    await nav.getByRole('link', { name: label, exact: true }).waitFor();
  await nav.getByRole('link', { name: 'Voir votre boutique' }).waitFor();

  // Shipping: costs typed with a decimal comma, shown in French.
  await nav.getByRole('link', { name: 'Livraison', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Livraison' }).waitFor();
  await main.getByLabel('Afficher les frais en').selectOption('EUR');
  const profileForm = page.getByRole('form', { name: 'Ajouter un profil de livraison' });
  await profileForm.getByLabel('Nom du profil').fill('Envoi standard');
  await profileForm.getByLabel('Pays de destination').selectOption('FR');
  await profileForm.getByLabel('Frais (EUR)').fill('4,50');
  await profileForm.getByLabel('Livraison la plus rapide (jours)').fill('3');
  await profileForm.getByLabel('Livraison la plus lente (jours)').fill('2');
  await profileForm.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await profileForm.getByText('Doit être au moins égal à la livraison la plus rapide.').waitFor();
  await accessibleAtBothWidths(page, 'shipping, in French, with an error');
  await profileForm.getByLabel('Livraison la plus lente (jours)').fill('6');
  await profileForm.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await page.getByRole('status').getByText('Profil de livraison « Envoi standard » enregistré.').waitFor();
  const profiles = page.getByRole('list', { name: 'Profils de livraison' });
  await profiles.getByRole('heading', { name: 'Envoi standard' }).waitFor();
  const rates = await profiles.innerText();
  assert.match(rates, /Utilisé par 0 produit\b/, rates);
  assert.match(rates, /France\s+4,50\s€\s+3–6 jours/, rates);
  await accessibleAtBothWidths(page, 'shipping, in French');

  // A product: its errors, hints and saved message in French.
  await nav.getByRole('link', { name: 'Produits', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Produits' }).waitFor();
  await page.getByText('Vous n’avez encore aucun produit. Ajoutez le premier.').waitFor();
  await accessibleAtBothWidths(page, 'seller products, in French, empty');
  await page.getByRole('link', { name: 'Ajouter un produit' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ajouter un produit' }).waitFor();
  await main.getByLabel('Titre').fill('Bol en grès');
  await main.getByLabel('Catégorie').selectOption('home-kitchen');
  await main.getByLabel('Devise').selectOption('EUR');
  await page.getByText('Par exemple 12,50.').waitFor();
  await main.getByLabel('Prix', { exact: true }).fill('45,00');
  await main.getByLabel('Stock').fill('beaucoup');
  assert.equal(await main.getByLabel('Profil de livraison').locator('option:checked').textContent(), 'Envoi standard');
  await page.getByRole('button', { name: 'Ajouter le produit' }).click();
  await page.getByText(/Saisissez un nombre entier de 0 à 1\s000\s000\./).waitFor();
  await accessibleAtBothWidths(page, 'add product, in French, with an error');
  await main.getByLabel('Stock').fill('4');
  await page.getByRole('button', { name: 'Ajouter le produit' }).click();
  await page.getByText('Produit ajouté. Ajoutez maintenant des images et des offres.').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Bol en grès' }).waitFor();
  assert.equal(await page.title(), 'Modifier Bol en grès · Souk');
  const productId = new URL(page.url()).pathname.split('/').at(-1)!;

  // Variants: the first names its options (offered in French), the price is prefilled with a comma.
  await page.getByRole('heading', { name: 'Options et variantes' }).waitFor();
  await page.getByText(/^Aucune variante\s: le produit est vendu tel quel\./).waitFor();
  const addVariant = page.getByRole('form', { name: 'Ajouter une variante' });
  assert.equal(await addVariant.getByLabel('Nom de l’option 1').inputValue(), 'Couleur');
  assert.equal(await addVariant.getByLabel('Nom de l’option 2').inputValue(), 'Taille');
  assert.equal(await addVariant.getByLabel('Prix (EUR)').inputValue(), '45,00');
  await addVariant.getByLabel('Valeur de l’option 1').fill('Bleu');
  await addVariant.getByLabel('Valeur de l’option 2').fill('M');
  await addVariant.getByLabel('Prix (EUR)').fill('39,50');
  await addVariant.getByLabel('Stock').fill('3');
  await addVariant.getByRole('button', { name: 'Ajouter la variante' }).click();
  await page.getByRole('status').filter({ hasText: 'Variante Couleur: Bleu · Taille: M ajoutée.' }).waitFor();
  const blue = page.getByRole('form', { name: 'Variante Couleur: Bleu · Taille: M' });
  await blue.waitFor();
  assert.equal(await blue.getByLabel('Prix (EUR)').inputValue(), '39,50');
  await blue.getByRole('button', { name: 'Enregistrer Couleur: Bleu · Taille: M' }).waitFor();
  // The options are named now: the form asks for a value of each.
  await addVariant.getByLabel('Couleur').fill('Vert');
  await addVariant.getByLabel('Taille').fill('L');
  await addVariant.getByLabel('Prix (EUR)').fill('42');
  await addVariant.getByLabel('Stock').fill('2');
  await addVariant.getByRole('button', { name: 'Ajouter la variante' }).click();
  await page.getByRole('form', { name: 'Variante Couleur: Vert · Taille: L' }).waitFor();
  await page
    .getByText(
      /^Les acheteurs choisissent Couleur et Taille\. Le produit affiche 39,50\s€ – 42,00\s€ et 5 en stock au total\.$/,
    )
    .waitFor();
  await page.getByRole('list', { name: 'Variantes' }).waitFor();
  await accessibleAtBothWidths(page, 'product with variants, in French');

  // The product list: the price range, stock and variants in French.
  await nav.getByRole('link', { name: 'Produits', exact: true }).click();
  const products = page.getByRole('list', { name: 'Vos produits' });
  await products.getByRole('link', { name: 'Bol en grès' }).waitFor();
  const row = (await products.innerText()).replace(/\s+/g, ' ');
  assert.match(row, /39,50 €[^€]*42,00 €/, row);
  assert.match(row, /Stock : 5 · 2 variantes/, row);
  assert.match(row, /En vente/, row);
  await page.getByText('1 produit', { exact: true }).waitFor();
  await accessibleAtBothWidths(page, 'seller products, in French');

  // Store settings.
  await nav.getByRole('link', { name: 'Paramètres de la boutique' }).click();
  await page.getByRole('heading', { level: 1, name: 'Paramètres de la boutique' }).waitFor();
  const visibility = await main.getByLabel('Visibilité').locator('option:checked').textContent();
  assert.equal(visibility?.replace(/\s/g, ' '), 'Ouverte : les produits sont en vente');
  await main.getByLabel('Description').fill('Céramiques tournées à la main.');
  await page.getByRole('button', { name: 'Enregistrer la boutique' }).click();
  await page.getByRole('status').getByText('Boutique enregistrée').waitFor();
  await accessibleAtBothWidths(page, 'store settings, in French');

  // The dashboard: orders paid 2 days ago (one still to ship) and 10 days ago (late), in dollars.
  const storeId = (
    await db.selectFrom('products').select('store_id').where('id', '=', productId).executeTakeFirstOrThrow()
  ).store_id;
  const sellerId = await userIdOf(db, EMAIL);
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  for (const [daysAgo, total, orderStatus] of [
    [2, 2500, 'shipped'],
    [2, 5000, 'paid'],
    [10, 2500, 'paid'],
  ] as const) {
    const id = await createOrderOf(db, sellerId, storeId, [productId], orderStatus);
    const paidAt = new Date(today - daysAgo * DAY + 12 * 3600_000);
    await sql`update orders set paid_at = ${paidAt}, placed_at = ${paidAt}, total_minor = ${total} where id = ${id}`.execute(
      db,
    );
  }
  await nav.getByRole('link', { name: 'Tableau de bord' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  assert.equal(await page.title(), 'Tableau de bord · Souk');
  const figures = page.getByRole('list', { name: 'Votre boutique en un coup d’œil' });
  await figures.getByText('1 en retard').waitFor();
  await figures.getByRole('heading', { name: 'Stock faible' }).waitFor();
  await figures.getByText('Aucun avis pour l’instant').waitFor();
  await figures.getByText('0 avis', { exact: true }).waitFor();

  // The chart's text alternatives and day labels in French.
  const medium = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' });
  const twoDaysAgo = medium.format(new Date(today - 2 * DAY + 12 * 3600_000));
  const sales = page.getByRole('figure', { name: 'Ventes', exact: true });
  const summary = (await sales.locator('figcaption p').textContent()) ?? '';
  assert.match(
    summary,
    /^Total 100,00\s\$US du \d{1,2} \S+ \d{4} au \d{1,2} \S+ \d{4}\s; maximum 75,00\s\$US le /,
    summary,
  );
  assert.ok(summary.endsWith(`le ${twoDaysAgo}.`), summary);
  assert.equal(await sales.locator('svg > title').textContent(), 'Ventes par jour');
  const lastLabel = (await sales.locator('svg text.day-chart-label').last().textContent()) ?? '';
  const shortToday = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(today),
  );
  assert.equal(lastLabel, shortToday);
  await page.getByRole('figure', { name: 'Commandes', exact: true }).waitFor();
  await accessibleAtBothWidths(page, 'seller dashboard, in French');

  // The numbers as a table, opened by keyboard; the period switches to 90 days.
  const toggle = page.getByRole('button', { name: 'Afficher en tableau' }).first();
  await toggle.focus();
  await page.keyboard.press('Enter');
  const table = page.getByRole('table', { name: 'Ventes par jour' });
  await table.waitFor();
  await table.getByRole('columnheader', { name: 'Jour' }).waitFor();
  assert.equal(await table.getByRole('row').count(), 1 + 30);
  const day = table.getByRole('row', { name: new RegExp(twoDaysAgo.replace('.', '\\.')) });
  assert.match((await day.getByRole('cell').textContent()) ?? '', /^75,00\s\$US$/);
  await page.getByRole('button', { name: 'Afficher en graphique' }).first().waitFor();
  await accessibleAtBothWidths(page, 'seller dashboard with a data table, in French');
  await main.getByLabel('90 derniers jours').check();
  assert.equal(await table.getByRole('row').count(), 1 + 90);
  await page.getByRole('button', { name: 'Télécharger le CSV' }).waitFor();

  // English from the header: the charts' texts and day labels follow at once (no formatter kept
  // in the page's first locale).
  await page.getByRole('banner').getByLabel('Langue').selectOption('en');
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await page.getByRole('button', { name: 'Show as chart' }).first().click();
  const english = page.getByRole('figure', { name: 'Sales', exact: true });
  await english.getByText(/^Total \$100\.00 from /).waitFor();
  const englishLabel = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(today),
  );
  assert.equal(await english.locator('svg text.day-chart-label').last().textContent(), englishLabel);
  await page.context().close();
});
