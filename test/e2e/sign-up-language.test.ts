// A sign-up from a page read in French (issue 20, decision 059): the new account's language is
// French, and so is its first mail, the verification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkipReason, newPage, startBrowserRun, WIDTHS } from '../helpers/browser.ts';
import { STRONG_PASSWORD, waitForMail } from '../helpers/app.ts';

test('a sign-up from a French page gets its verification mail in French', {
  skip: browserSkipReason,
  timeout: 120_000,
}, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const email = 'lea.martin@example.com';
  const page = await newPage(browser, WIDTHS[0], { locale: 'fr-FR' });
  await page.goto(`${server.url}/sign-up`);
  // By name, not label: the form's words may be translated.
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(STRONG_PASSWORD);
  await page.locator('input[name="displayName"]').fill('Léa');
  await page.locator('form:has(input[name="displayName"]) button[type="submit"]').click();
  const mail = await waitForMail(server.app, email, /^Confirmez votre adresse e-mail$/);
  assert.match(mail.text, /^Bonjour Léa,/);
  const saved = await server.app.souk.db
    .selectFrom('account_preferences')
    .innerJoin('users', 'users.id', 'account_preferences.user_id')
    .select('account_preferences.language')
    .where('users.email', '=', email)
    .executeTakeFirstOrThrow();
  assert.equal(saved.language, 'fr');
});
