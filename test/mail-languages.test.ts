// Mails in the recipient's language (issue 20, decision 059): an account that chose French gets
// every mail in French, with dates and amounts written the French way; one that chose nothing, and
// a guest, get English; the language of a sign-up is the new account's; every mail kind renders in
// every shipped language with no key missing and no English left in the French.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, createTestApp, mailsTo, signIn, STRONG_PASSWORD, tokenFrom, waitForMail } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { FORGOTTEN_RECIPIENT } from '../src/modules/mail/transport.ts';
import { askedMailKeys, missingMailKeys } from '../src/i18n/index.ts';
import { formatDay } from '../src/lib/dates.ts';
import { LANGUAGES, type Language } from '../src/lib/languages.ts';
import { formatMoney } from '../src/lib/money.ts';
import { RETURN_EVENT_KINDS } from '../src/db/types.ts';
import { mailTemplates, type RenderedMail } from '../src/modules/mail/index.ts';
import { helpMails } from '../src/modules/help/mails.ts';
import { messageMailTemplates } from '../src/modules/messages/mails.ts';
import { orderMailTemplates } from '../src/modules/orders/mails.ts';
import { returnMail } from '../src/modules/returns/mails.ts';
import { supportMails } from '../src/modules/support/mails.ts';
import { deletionMails } from '../src/modules/deletion/mails.ts';
import { HOLD_REASONS } from '../src/modules/deletion/admin-routes.ts';

const CARD = { number: '4242424242424242', expMonth: 10, expYear: 2033, cvc: '123' };

test('mails follow the recipient’s language from sign-up to deletion', async (t) => {
  const { app, close } = await createTestApp({ DELETION_WAIT_HOURS: '0' }, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  const languageOf = async (email: string) =>
    (
      await db
        .selectFrom('users')
        .leftJoin('account_preferences', 'account_preferences.user_id', 'users.id')
        .select('account_preferences.language')
        .where('users.email', '=', email)
        .executeTakeFirstOrThrow()
    ).language;
  const signUp = async (email: string, extra: Record<string, unknown> = {}) => {
    const client = new Client(app);
    const res = await client.post('/api/auth/sign-up', {
      email,
      password: STRONG_PASSWORD,
      displayName: 'Camille',
      ...extra,
    });
    return { client, res };
  };
  const verifyAndSignIn = async (client: Client, email: string, mail: { text: string }) => {
    assert.equal(
      (await client.post('/api/auth/verify-email', { token: tokenFrom(mail, '/verify-email') })).statusCode,
      200,
    );
    return signIn(app, email);
  };

  await t.test('a sign-up in an unknown language is refused and creates nothing', async () => {
    const email = 'nein@example.com';
    const { res } = await signUp(email, { language: 'de' });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    assert.equal(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst(), undefined);
    assert.equal(
      (await db.selectFrom('account_preferences').select('user_id').execute()).length,
      0,
      'no preferences row',
    );
    assert.deepEqual(await mailsTo(app, email), []);
  });

  const frEmail = 'camille.durand@example.com';
  const enEmail = 'sam.jones@example.com';

  await t.test('a sign-up in French saves French and gets the verification mail in French', async () => {
    const { client, res } = await signUp(frEmail, { language: 'fr' });
    assert.equal(res.statusCode, 202, res.body);
    const mail = await waitForMail(app, frEmail, /^Confirmez votre adresse e-mail$/);
    assert.match(mail.text, /^Bonjour Camille,/);
    assert.match(mail.html, /<html lang="fr">/);
    assert.doesNotMatch(mail.text, /Verify|Welcome/);
    assert.equal(await languageOf(frEmail), 'fr');
    await verifyAndSignIn(client, frEmail, mail);
    // A second sign-up with the address (in English) changes neither the choice nor the mail's language.
    await signUp(frEmail, { language: 'en' });
    const attempt = await waitForMail(app, frEmail, /^Quelqu’un a tenté de créer un compte Souk/);
    assert.match(attempt.text, /Se connecter: http/);
    assert.equal(await languageOf(frEmail), 'fr');
  });

  await t.test('an account that chose no language gets English', async () => {
    const { client, res } = await signUp(enEmail);
    assert.equal(res.statusCode, 202, res.body);
    const mail = await waitForMail(app, enEmail, /^Verify your email address$/);
    assert.match(mail.html, /<html lang="en">/);
    assert.equal(await languageOf(enEmail), null);
    await verifyAndSignIn(client, enEmail, mail);
    assert.equal((await new Client(app).post('/api/auth/forgot-password', { email: enEmail })).statusCode, 202);
    const reset = await waitForMail(app, enEmail, /^Reset your Souk password$/);
    assert.match(reset.text, /^We received a request to reset the password of your Souk account\./);
  });

  await t.test('a French account’s password reset mail is in French', async () => {
    assert.equal((await new Client(app).post('/api/auth/forgot-password', { email: frEmail })).statusCode, 202);
    const reset = await waitForMail(app, frEmail, /^Réinitialisez votre mot de passe Souk$/);
    assert.match(reset.text, /Choisir un nouveau mot de passe: http:\/\/souk\.test\/reset-password\?token=/);
    assert.match(reset.html, /Ou ouvrez ce lien :/);
    assert.doesNotMatch(reset.text, /Reset your|password of your/);
  });

  await t.test('an order confirmation is in the buyer’s language, its amounts written their way', async () => {
    await seedCatalog(db, { products: 0, stores: 0 });
    const store = await createFixtureStore(db, 'Atelier Lumière', [
      { country: 'FR', cost_minor: 500, min_days: 2, max_days: 5 },
    ]);
    const lamp = await createFixtureProduct(db, store, { title: 'Lampe', price: 9000, stock: 10 });
    // The seller chose nothing: their "new paid order" mail stays English.
    const sellerId = (await db.selectFrom('users').select('id').where('email', '=', enEmail).executeTakeFirstOrThrow())
      .id;
    await db.updateTable('stores').set({ owner_user_id: sellerId }).where('id', '=', store.storeId).execute();
    const buyer = await signIn(app, frEmail);
    await buyer.post('/api/cart/lines', { productId: lamp, quantity: 1 });
    const res = await buyer.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      address: { fullName: 'Camille Durand', line1: '8 Rue Oberkampf', city: 'Paris', country: 'FR', save: false },
      card: { ...CARD, save: false },
      expectedTotal: { amount: 9500, currency: 'USD' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const number = (res.json().orders[0] as { number: string }).number;
    const confirmed = await waitForMail(app, frEmail, new RegExp(`^Commande confirmée : ${number}$`));
    assert.ok(confirmed.text.includes(`Commande ${number} chez Atelier Lumière : ${formatMoney(9500, 'USD', 'fr')}`));
    assert.equal(formatMoney(9500, 'USD', 'fr').replace(/\s/g, ' '), '95,00 $US');
    assert.match(confirmed.text, /Voir vos commandes: http/);
    const sale = await waitForMail(app, enEmail, new RegExp(`^New paid order ${number}$`));
    assert.ok(sale.text.includes(`Order ${number} ($95.00) is paid and ready to ship.`));
    // Closed, so the deletion below is not blocked by a live order.
    const orderId = (res.json().orders[0] as { id: string }).id;
    await db
      .updateTable('orders')
      .set({ status: 'delivered', delivered_at: new Date() })
      .where('id', '=', orderId)
      .execute();
  });

  await t.test('the deletion path mails a French account in French, the final mail included', async () => {
    const person = await signIn(app, frEmail);
    const requested = await person.post('/api/account/deletion', { confirmEmail: frEmail, password: STRONG_PASSWORD });
    assert.equal(requested.statusCode, 202, requested.body);
    const { reference, dueAt } = requested.json() as { reference: string; dueAt: string };
    const received = await waitForMail(app, frEmail, /^Nous avons reçu votre demande de suppression/);
    assert.ok(received.subject.includes(reference));
    assert.ok(
      received.text.includes(
        `sera supprimé au plus tard le ${formatDay(new Date(dueAt), 'fr')}. Référence : ${reference}.`,
      ),
      received.text,
    );
    assert.match(received.text, /Ce n’était pas moi: http:\/\/souk\.test\/account\/deletion\/not-me\?token=/);

    const { processDeletion } = await import('../src/modules/deletion/process.ts');
    const request = await db
      .selectFrom('deletion_requests')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    assert.equal(await processDeletion(app.souk, request.id), 'completed');
    let final: { subject: string; text: string } | undefined;
    for (let i = 0; i < 100 && !final; i++) {
      final = (await mailsTo(app, FORGOTTEN_RECIPIENT)).find((m) => m.text.includes(reference));
      if (!final) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(final, 'the final mail was sent');
    assert.equal(final.subject, 'Votre compte Souk a été supprimé');
    assert.ok(final.text.startsWith(`Votre compte Souk a été supprimé. Référence : ${reference}.`));
    // Nothing of the account's choice is left: its preferences went with it.
    assert.equal((await db.selectFrom('account_preferences').select('user_id').execute()).length, 0);
  });
});

/** One sample of every mail Souk writes, with every variant of its wording. */
function sampleMails(language: Language): Array<[string, RenderedMail]> {
  const url = 'https://souk.test/x?token=abc';
  const notConverted = {
    display_total_minor: null,
    display_currency: null,
    rate_from: null,
    rate_to: null,
    rates_as_of: null,
  };
  // The first as the buyer saw it converted at checkout (decision 060), the second in the seller's currency.
  const converted = {
    total_minor: 4500,
    currency: 'USD',
    display_total_minor: 3879,
    display_currency: 'EUR',
    rate_from: '1.160000000000',
    rate_to: '1.000000000000',
    rates_as_of: '2026-12-04',
  };
  const orders = [
    { number: 'SK-1', store_name: 'Lantern Goods', ...converted },
    { number: 'SK-2', store_name: 'Fes Leather', total_minor: 1250, currency: 'KWD', ...notConverted },
  ];
  const mails: Array<[string, RenderedMail]> = [
    ['verifyEmail', mailTemplates.verifyEmail(language, { displayName: 'Ann', url })],
    ['signUpAttempt', mailTemplates.signUpAttempt(language, { signInUrl: url, resetUrl: url })],
    ['resetPassword', mailTemplates.resetPassword(language, { url })],
    ['passwordChanged', mailTemplates.passwordChanged(language)],
    ['confirmEmailChange', mailTemplates.confirmEmailChange(language, { url })],
    ['emailChangeRequested', mailTemplates.emailChangeRequested(language)],
    ['emailInUse', mailTemplates.emailInUse(language)],
    [
      'accountUsesAddress',
      helpMails.accountUsesAddress(language, { deactivated: false, signInUrl: url, resetUrl: url }),
    ],
    [
      'accountUsesAddress (deactivated)',
      helpMails.accountUsesAddress(language, { deactivated: true, signInUrl: url, resetUrl: url }),
    ],
    ['noAccountUsesAddress', helpMails.noAccountUsesAddress(language, { signUpUrl: url })],
    ['placed (paid)', orderMailTemplates.placed(language, { orders, paid: true, ordersUrl: url })],
    ['placed (awaiting payment)', orderMailTemplates.placed(language, { orders, paid: false, ordersUrl: url })],
    ['paid', orderMailTemplates.paid(language, { orders, ordersUrl: url })],
    [
      'shipped',
      orderMailTemplates.shipped(language, {
        number: 'SK-1',
        storeName: 'Lantern Goods',
        carrier: 'UPS',
        trackingNumber: '1Z999',
        trackUrl: url,
      }),
    ],
    [
      'delivered',
      orderMailTemplates.delivered(language, { number: 'SK-1', storeName: 'Lantern Goods', orderUrl: url }),
    ],
    ...(['buyer', 'seller', 'system'] as const).flatMap((by) =>
      [true, false].map((refunded): [string, RenderedMail] => [
        `cancelled (${by}, ${refunded ? 'refunded' : 'not charged'})`,
        orderMailTemplates.cancelled(language, {
          number: 'SK-1',
          storeName: 'Lantern Goods',
          by,
          refunded,
          total: refunded ? converted : { total_minor: 4500, currency: 'EUR', ...notConverted },
        }),
      ]),
    ),
    [
      'newOrder',
      orderMailTemplates.newOrder(language, {
        number: 'SK-1',
        total: { minor: 4500, currency: 'JPY' },
        sellerUrl: url,
      }),
    ],
    ['staffReplied', supportMails.staffReplied(language, { reference: 'SR-1', subject: 'Where is my lamp?', url })],
    [
      'received',
      deletionMails.received(language, { reference: 'DR-1', dueAt: new Date('2027-01-05T12:00:00Z'), notMeUrl: url }),
    ],
    ['deleted', deletionMails.deleted(language, { reference: 'DR-1' })],
    ...HOLD_REASONS.map((h): [string, RenderedMail] => [
      `onHold (${h.value})`,
      deletionMails.onHold(language, { reference: 'DR-1', reason: h.value }),
    ]),
  ];
  for (const side of ['toBuyer', 'toStore'] as const)
    for (const about of [
      { productTitle: null, orderNumber: 'SK-1' },
      { productTitle: 'Brass lamp', orderNumber: null },
      { productTitle: null, orderNumber: null },
    ])
      mails.push([
        `message ${side}`,
        messageMailTemplates[side](language, { ...about, storeName: 'Lantern Goods', url }),
      ]);
  const full = {
    amount: { minor: 1250, currency: 'EUR' },
    returnParcel: { carrier: 'DHL', trackingNumber: 'RT-1' },
    refusalReason: 'Used item',
    decision: { refund: { minor: 300, currency: 'USD' }, reason: 'Damaged in transit' },
  };
  for (const kind of RETURN_EVENT_KINDS)
    for (const side of ['buyer', 'seller'] as const)
      for (const extra of [full, { decision: { refund: null, reason: 'Not covered' } }]) {
        const step = {
          kind,
          number: 'RT-1',
          orderNumber: 'SK-1',
          orderId: 'o',
          buyerUserId: 'b',
          storeId: 's',
          ...extra,
        };
        const mail = returnMail(language, step, side, url);
        if (mail) mails.push([`return ${kind} (${side})`, mail]);
      }
  return mails;
}

test('every mail kind renders in every shipped language, with every text and none missing', () => {
  const english = sampleMails('en');
  for (const language of LANGUAGES) {
    const mails = sampleMails(language);
    assert.equal(mails.length, english.length);
    for (const [index, [kind, mail]] of mails.entries()) {
      // A key i18next could not find comes back as itself ("shipped.subject"), a placeholder as {{name}}.
      for (const part of [mail.subject, mail.text, mail.html])
        assert.doesNotMatch(
          part,
          /\{\{|\}\}|\b[a-z]+[A-Z]\w*\.[a-z]\w+\b|\b(titles|buyer|seller|layout)\.\w+/,
          `${language} ${kind}`,
        );
      assert.match(mail.html, new RegExp(`<html lang="${language}">`));
      if (language === 'en') continue;
      const [, inEnglish] = english[index]!;
      assert.notEqual(mail.subject, inEnglish.subject, `${language} ${kind}: the subject is the English one`);
      assert.notEqual(mail.text, inEnglish.text, `${language} ${kind}: the text is the English one`);
    }
  }
  assert.deepEqual(missingMailKeys(), []);
  // Every text of every catalogue was asked for, in every language: the samples cover every mail.
  const catalogueDir = path.join(import.meta.dirname, '../src/i18n/locales/en');
  const unasked: string[] = [];
  for (const file of fs.readdirSync(catalogueDir)) {
    const namespace = file.slice(0, -'.json'.length);
    const keys: string[] = [];
    const walk = (value: unknown, prefix: string) => {
      if (typeof value === 'string') keys.push(prefix.replace(/_(one|other)$/, ''));
      else for (const [k, v] of Object.entries(value as object)) walk(v, prefix ? `${prefix}.${k}` : k);
    };
    walk(JSON.parse(fs.readFileSync(path.join(catalogueDir, file), 'utf8')), '');
    for (const language of LANGUAGES)
      for (const key of new Set(keys))
        if (!askedMailKeys().has(`${language}/${namespace}:${key}`)) unasked.push(`${language}/${namespace}:${key}`);
  }
  assert.deepEqual(unasked, []);
});

test('dates and amounts in mails are written the reader’s way', () => {
  const day = new Date('2027-01-05T12:00:00Z');
  assert.equal(formatDay(day, 'en'), 'Jan 5, 2027');
  assert.equal(formatDay(day, 'fr'), '5 janv. 2027');
  assert.equal(formatMoney(123456, 'EUR', 'en'), '€1,234.56');
  assert.equal(formatMoney(123456, 'EUR', 'fr').replace(/\s/g, ' '), '1 234,56 €');
  const received = deletionMails.received('fr', { reference: 'DR-1', dueAt: day, notMeUrl: 'https://souk.test/n' });
  assert.ok(received.text.includes('le 5 janv. 2027'), received.text);
  const footer = messageMailTemplates.toBuyer('fr', {
    productTitle: null,
    orderNumber: null,
    storeName: 'Lantern Goods',
    url: 'https://souk.test/m',
  }).text;
  assert.match(footer, /toutes les 15 minutes/);
});
