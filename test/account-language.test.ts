// An account's language (issue 20, decision 059): saved with the account's preferences beside the
// display currency (a field left out keeps its value), exported with "Download your data", refused
// when it is not a language Souk ships, and gone with the account.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, createTestApp, signUpAndSignIn } from './helpers/app.ts';

test('an account’s language is saved, kept apart from its currency, exported, and refused when not shipped', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const shopper = await signUpAndSignIn(app, 'lit-en-francais@souk.example');
  const prefs = async () => (await shopper.get('/api/account/preferences')).json();
  assert.deepEqual(await prefs(), { displayCurrency: null, language: null });

  for (const body of [
    { language: 'de' },
    { language: 'FR' },
    { language: 12 },
    { language: '' },
    {},
    { colour: 'red' },
  ]) {
    const res = await shopper.put('/api/account/preferences', body);
    assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
    assert.equal(res.json().error.code, 'VALIDATION_FAILED');
  }
  assert.deepEqual(await prefs(), { displayCurrency: null, language: null }, 'a refused request changes nothing');

  const saved = await shopper.put('/api/account/preferences', { language: 'fr' });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(saved.json(), { displayCurrency: null, language: 'fr' });
  await shopper.put('/api/account/preferences', { displayCurrency: 'EUR' });
  assert.deepEqual(await prefs(), { displayCurrency: 'EUR', language: 'fr' }, 'the currency alone leaves the language');
  await shopper.put('/api/account/preferences', { language: null });
  assert.deepEqual(await prefs(), { displayCurrency: 'EUR', language: null }, 'the language alone leaves the currency');
  await shopper.put('/api/account/preferences', { language: 'en' });

  const exported = (await shopper.get('/api/account/export')).json();
  assert.equal(exported.preferences.language, 'en');
  assert.equal(exported.preferences.display_currency, 'EUR');
  assert.equal((await new Client(app).put('/api/account/preferences', { language: 'fr' })).statusCode, 401);
});
