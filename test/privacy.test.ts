// The public page /privacy/data is generated from the erasure registry, so it cannot drift from
// what an erasure does: every table the erasure deletes, anonymises or keeps is listed once, under
// a kind of data the registry names in plain words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, createTestApp, signUpAndSignIn } from './helpers/app.ts';
import { erasureRegistry } from '../src/modules/deletion/registry.ts';
import type { DataKind } from '../src/modules/privacy/data-kinds.ts';

const described = erasureRegistry.filter((p) => p.action !== 'not_personal');

test('the registry says what /privacy/data shows of every kind of data', async (t) => {
  await t.test('every delete, anonymise and retain policy says what its data is and how long it is kept', () => {
    const missing = described
      .filter((p) => !p.about || p.about.data.trim() === '' || p.about.keptFor.trim() === '')
      .map((p) => p.table);
    assert.deepEqual(
      missing,
      [],
      `these policies need \`about: { data, keptFor }\` (src/erasure/policy.ts):\n${missing.join('\n')}`,
    );
  });

  await t.test('tables of one kind agree on how long it is kept', () => {
    const keptFor = new Map<string, Set<string>>();
    for (const p of erasureRegistry)
      if (p.about) keptFor.set(p.about.data, (keptFor.get(p.about.data) ?? new Set()).add(p.about.keptFor));
    const disagreeing = [...keptFor]
      .filter(([, periods]) => periods.size > 1)
      .map(([data, periods]) => `${data}: ${[...periods].join(' / ')}`);
    assert.deepEqual(disagreeing, []);
  });
});

test('GET /api/privacy/data', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const guest = new Client(app);
  const res = await guest.get('/api/privacy/data');
  const { kinds } = res.json() as { kinds: DataKind[] };

  await t.test('answers without a sign-in, and sets no cookie', () => {
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['set-cookie'], undefined);
  });

  await t.test('lists every table the erasure deletes, anonymises or keeps exactly once', () => {
    const listed = kinds.flatMap((k) => k.tables);
    assert.deepEqual(
      [...listed].filter((t) => described.some((p) => p.table === t)).sort(),
      described.map((p) => p.table).sort(),
    );
    assert.equal(new Set(listed).size, listed.length, 'a table is listed twice');
    for (const kind of kinds) {
      assert.deepEqual(
        kind.atDeletion.flatMap((o) => o.tables).sort(),
        [...kind.tables].sort(),
        `${kind.data}: every table says what deletion does to it`,
      );
    }
  });

  await t.test('lists the kinds in registry order, each once', () => {
    const firstSeen = [...new Set(erasureRegistry.flatMap((p) => (p.about ? [p.about.data] : [])))];
    assert.deepEqual(
      kinds.map((k) => k.data),
      firstSeen,
    );
  });

  await t.test('says orders are kept without the buyer’s personal parts, for 10 years by default', () => {
    const orders = kinds.find((k) => k.tables.includes('orders'));
    assert.ok(orders, 'orders are listed');
    assert.match(orders.keptFor, /10 years by default/);
    const outcome = orders.atDeletion.find((o) => o.tables.includes('orders'));
    assert.equal(outcome?.outcome, 'anonymised');
    // The columns behind the words, for the web app to word in the reader's language.
    assert.deepEqual(outcome.columns, [
      'buyer_user_id',
      'ship_line1',
      'ship_line2',
      'ship_city',
      'ship_region',
      'ship_postal_code',
      'ship_phone',
    ]);
    assert.deepEqual(outcome.replaced, [{ column: 'ship_full_name', value: 'Erased' }]);
    assert.match(
      outcome.text,
      /^Kept without the personal parts: the link to your account, street, city, region, postal code and phone number are removed, and the name becomes “Erased”\.$/,
    );
    assert.ok(
      orders.why.some((s) => /tax law/.test(s)),
      'the reason is given',
    );
    const payments = orders.atDeletion.find((o) => o.tables.includes('payments'));
    assert.equal(payments?.outcome, 'kept');
    assert.deepEqual(payments.columns, ['card_brand', 'card_last4']);
  });

  await t.test('says what deletion does in plain words, never with column names', () => {
    const texts = kinds.flatMap((k) => k.atDeletion.map((o) => o.text));
    assert.deepEqual(
      texts.filter((text) => /_/.test(text)),
      [],
    );
    const posts = kinds.find((k) => k.tables.includes('reviews'));
    assert.equal(posts?.data, 'Reviews, questions, answers and photos');
    assert.deepEqual(
      posts.atDeletion.map((o) => o.outcome),
      ['erased'],
    );
  });

  await t.test('is the same for everyone: nothing of a signed-in person is in it', async () => {
    const person = await signUpAndSignIn(app, 'reader@example.test');
    const mine = await person.get('/api/privacy/data');
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.body, res.body);
    assert.doesNotMatch(mine.body, /reader@example\.test/);
  });
});
