// Erasure proves itself by ownership, not by matching text (issue 14): ordinary people's deletions
// never get stuck on someone else's data, other people's quotes of their address are removed, a
// seller's own listings keep nothing of them, and the proof itself fails when a row of theirs stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import fc from 'fast-check';
import { Client, createTestApp, ORIGIN, signIn, signUpAndSignIn, waitForEmptyOutbox } from './helpers/app.ts';
import { blockedPeople, buildPopulation, planArbitrary } from './helpers/population.ts';
import { createMemoryStorage } from '../src/storage.ts';
import { PNG } from './helpers/posts.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { processDeletion } from '../src/modules/deletion/process.ts';
import { grantRole } from '../src/modules/roles/service.ts';
import { recordOwnership, proveOwnership, startProving, startRecording } from '../src/erasure/ownership.ts';
import { eraseAccount, eraseInBatches } from '../src/erasure/executor.ts';
import { erasureRegistry } from '../src/modules/deletion/registry.ts';
import type { ErasurePolicy } from '../src/erasure/policy.ts';
import { REMOVED_LISTING } from '../src/modules/catalog/erasure.ts';
import type { DB } from '../src/db/types.ts';
import type { Kysely } from 'kysely';

const ADDRESS = (fullName: string, phone: string) => ({
  fullName,
  line1: '1 High Street',
  city: 'Springfield',
  postalCode: 'SP1 1AA',
  country: 'FR',
  phone,
});

async function person(
  app: FastifyInstance,
  email: string,
  name: string,
  phone: string,
): Promise<{ client: Client; userId: string; email: string }> {
  const client = await signUpAndSignIn(app, email, undefined, name);
  assert.equal((await client.patch('/api/account/profile', { phone })).statusCode, 200);
  assert.equal((await client.post('/api/addresses', ADDRESS(name, phone))).statusCode, 201);
  const userId = (await client.get('/api/me')).json().id as string;
  return { client, userId, email };
}

async function openStore(
  client: Client,
  name: string,
  products: Array<{ title: string; description: string }>,
): Promise<string[]> {
  const store = await client.post('/api/stores', { name, country: 'MA', description: `${name}, since 2020.` });
  assert.equal(store.statusCode, 201, store.body);
  const profile = (
    await client.post('/api/seller/shipping-profiles', {
      label: 'Standard',
      rates: [{ country: 'FR', cost: 300, minDays: 2, maxDays: 5 }],
    })
  ).json();
  const ids: string[] = [];
  for (const p of products) {
    const made = await client.post('/api/seller/products', {
      ...p,
      category: 'home-kitchen',
      price: { amount: 1500, currency: 'USD' },
      stock: 5,
      shippingProfileId: profile.id,
    });
    assert.equal(made.statusCode, 201, made.body);
    ids.push(made.json().id);
  }
  return ids;
}

async function requestAndProcess(app: FastifyInstance, who: { client: Client; email: string }) {
  const res = await who.client.post('/api/account/deletion', { confirmEmail: who.email, reason: 'other' });
  assert.equal(res.statusCode, 202, res.body);
  const reference = res.json().reference as string;
  const { id } = await app.souk.db
    .selectFrom('deletion_requests')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  const outcome = await processDeletion(app.souk, id);
  const row = await app.souk.db
    .selectFrom('deletion_requests')
    .select(['status', 'attention', 'certificate'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { id, reference, outcome, ...row };
}

/** Every row of a table as text, for byte-for-byte comparison. */
const tableText = async (db: Kysely<DB>, table: string) =>
  (
    await sql<{ t: string }>`select row_to_json(x)::text as t from ${sql.table(table)} x order by 1`.execute(db)
  ).rows.map((r) => r.t);

test("erasure by ownership: ordinary people are never stuck on other people's data", async (t) => {
  const { app, close } = await createTestApp({ DELETION_WAIT_HOURS: '0' }, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  // The demo catalogue's titles use words such as "Rose", "Atlas" and "Handmade".
  await seedCatalog(db, { products: 300, stores: 5 });

  await t.test(
    'two people called John Smith at the same street: erasing one leaves the other exactly as they were',
    async () => {
      const leaving = await person(app, 'john.smith@example.com', 'John Smith', '+33 6 11 22 33 44');
      const staying = await person(app, 'j.smith@example.org', 'John Smith', '+33 6 55 66 77 88');
      const before = [await tableText(db, 'users'), await tableText(db, 'addresses')].map((rows) =>
        rows.filter((r) => r.includes(staying.userId)),
      );
      const done = await requestAndProcess(app, leaving);
      assert.equal(done.outcome, 'completed', done.attention ?? '');
      assert.equal(done.certificate?.scan.clean, true);
      const after = [await tableText(db, 'users'), await tableText(db, 'addresses')].map((rows) =>
        rows.filter((r) => r.includes(staying.userId)),
      );
      assert.deepEqual(after, before);
      assert.equal((await staying.client.get('/api/me')).json().displayName, 'John Smith');
    },
  );

  await t.test(
    'a three-letter name that hides inside other words, and inside earlier certificates, is no finding',
    async () => {
      await signUpAndSignIn(app, 'anne.annual@example.com', undefined, 'Anne Annual');
      const ann = await person(app, 'ann@example.net', 'Ann', '+33 6 12 12 12 12');
      const done = await requestAndProcess(app, ann);
      assert.equal(done.outcome, 'completed', done.attention ?? '');
    },
  );

  await t.test('a name made of catalogue words is no finding', async () => {
    const titles = await db.selectFrom('products').select('title').where('title', 'like', 'Atlas%').execute();
    assert.ok(titles.length > 0, 'the catalogue has titles with the name in them');
    const rose = await person(app, 'rose.atlas@example.com', 'Rose Atlas', '+33 6 98 76 54 32');
    const done = await requestAndProcess(app, rose);
    assert.equal(done.outcome, 'completed', done.attention ?? '');
    assert.equal(
      (await db.selectFrom('products').select('title').where('title', 'like', 'Atlas%').execute()).length,
      titles.length,
      "nobody else's titles changed",
    );
  });

  await t.test(
    "someone else quoting the person's email or phone: the quote is removed in place and counted; names stay theirs",
    async () => {
      const seller = await signUpAndSignIn(app, 'atelier.quote@example.com', undefined, 'Atelier Owner');
      const [productId] = await openStore(seller, 'Quote Atelier', [
        { title: 'Copper tray', description: 'Hammered.' },
      ]);
      const leila = await person(app, 'leila.q@example.com', 'Leila Quoted', '+33 6 40 40 40 40');
      const asker = await signUpAndSignIn(app, 'asker@example.com', undefined, 'Asker');
      const question = await asker.post(`/api/products/${productId}/questions`, {
        body: 'Leila said to ask LEILA.Q@EXAMPLE.COM or call +33640404040 first; joanleila.q@example.com is not her.',
      });
      assert.equal(question.statusCode, 201, question.body);
      const chat = await asker.post('/api/conversations', {
        productId,
        body: 'My friend leila.q@example.com recommended you.',
      });
      assert.equal(chat.statusCode, 201, chat.body);

      const done = await requestAndProcess(app, leila);
      assert.equal(done.outcome, 'completed', done.attention ?? '');
      const { body } = await db
        .selectFrom('questions')
        .select('body')
        .where('id', '=', question.json().id)
        .executeTakeFirstOrThrow();
      assert.equal(
        body,
        'Leila said to ask [removed] or call [removed] first; joanleila.q@example.com is not her.',
        "the whole address and the E.164 phone go; a longer address that contains hers is someone else's",
      );
      const { body: message } = await db
        .selectFrom('messages')
        .select('body')
        .where('conversation_id', '=', chat.json().conversation.id)
        .executeTakeFirstOrThrow();
      assert.equal(message, 'My friend [removed] recommended you.');
      const redacted = Object.fromEntries(
        (done.certificate?.redacted ?? []).map((r) => [`${r.table}.${r.column}`, r.values]),
      );
      assert.deepEqual(
        redacted,
        { 'questions.body': 2, 'messages.body': 1 },
        'one removal per identifier quoted (the question quoted both)',
      );
    },
  );

  await t.test("a quote in words at their column's length limit is removed without breaking the limit", async () => {
    const seller = await signUpAndSignIn(app, 'atelier.full@example.com', undefined, 'Full Owner');
    const [productId] = await openStore(seller, 'Full Atelier', [{ title: 'Brass bowl', description: 'Beaten.' }]);
    const kim = await person(app, 'k@ex.io', 'Kim Short', '+33 6 41 41 41 41');
    const asker = await signUpAndSignIn(app, 'asker.full@example.com', undefined, 'Full Asker');
    // Questions hold at most 1,000 characters: this one is at the limit, quoting the 7-character address 40 times.
    const quoted = Array.from({ length: 40 }, () => 'k@ex.io').join(' ');
    const body = `${quoted} ${'x'.repeat(1000 - quoted.length - 1)}`;
    assert.equal(body.length, 1000);
    const question = await asker.post(`/api/products/${productId}/questions`, { body });
    assert.equal(question.statusCode, 201, question.body);
    const done = await requestAndProcess(app, kim);
    assert.equal(done.outcome, 'completed', done.attention ?? '');
    const after = (
      await db.selectFrom('questions').select('body').where('id', '=', question.json().id).executeTakeFirstOrThrow()
    ).body;
    assert.ok(after.length <= 1000, `${after.length} characters`);
    assert.ok(!after.includes('k@ex.io'));
    assert.equal(after, `${Array.from({ length: 40 }, () => '[-]').join(' ')} ${'x'.repeat(1000 - quoted.length - 1)}`);
  });

  await t.test(
    "a seller's own listings keep nothing of them: titles, descriptions, photos, and words only their titles used",
    async () => {
      const other = await signUpAndSignIn(app, 'other.potter@example.com', undefined, 'Other Potter');
      await openStore(other, 'Other Pottery', [{ title: 'Hand-thrown mug', description: 'Stoneware.' }]);
      const ann = await person(app, 'ann.marsh@example.com', 'Ann Marsh', '+33 6 70 70 70 70');
      const ids = await openStore(ann.client, 'Marsh Pottery', [
        {
          title: 'Hand-thrown bowl by Ann Marsh',
          description: 'Made by Ann Marsh; commissions: ann.marsh@example.com.',
        },
        { title: 'Marsh glaze vase', description: 'Glazed in my garden.' },
      ]);
      assert.ok(
        await db.selectFrom('search_words').select('word').where('word', '=', 'marsh').executeTakeFirst(),
        'her name is in the vocabulary',
      );
      const done = await requestAndProcess(app, ann);
      assert.equal(done.outcome, 'completed', done.attention ?? '');
      const products = await db
        .selectFrom('products')
        .select(['title', 'description', 'status'])
        .where('id', 'in', ids)
        .execute();
      assert.deepEqual(
        products,
        ids.map(() => ({ title: REMOVED_LISTING, description: '', status: 'delisted' })),
      );
      assert.equal(
        await db.selectFrom('search_words').select('word').where('word', '=', 'marsh').executeTakeFirst(),
        undefined,
        'a word only her titles used goes',
      );
      assert.ok(
        await db.selectFrom('search_words').select('word').where('word', '=', 'hand').executeTakeFirst(),
        'a word another listing uses stays',
      );
      const owned = Object.fromEntries((done.certificate?.ownership ?? []).map((o) => [o.table, o]));
      assert.deepEqual(owned.products, { table: 'products', recorded: 2, gone: 0, anonymised: 2 });
      assert.deepEqual(owned.stores, { table: 'stores', recorded: 1, gone: 0, anonymised: 1 });
    },
  );
});

test('the ownership proof fails when a row of theirs is left, and staff resolve findings with a reason', async (t) => {
  const { app, close } = await createTestApp({ DELETION_WAIT_HOURS: '0' }, { rateLimits: false });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });

  await t.test('an erasure that skips a table is caught row by row, with nothing personal in the finding', async () => {
    const omar = await person(app, 'omar.proof@example.com', 'Omar Proof', '+33 6 31 31 31 31');
    const res = await omar.client.post('/api/account/deletion', { confirmEmail: omar.email, reason: 'other' });
    const { id } = await db
      .selectFrom('deletion_requests')
      .select('id')
      .where('reference', '=', res.json().reference)
      .executeTakeFirstOrThrow();
    const subject = { userId: omar.userId, email: omar.email };
    await recordOwnership(app.souk, id, subject, erasureRegistry, {
      held: sql<boolean>`true`,
      lost: () => new Error('never'),
    });
    const mails = await db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', '=', omar.email)
      .orderBy('id')
      .execute();
    assert.ok(mails.length > 0);
    // An engine that forgot the mail outbox (whose rows outlive the account: no cascade):
    await eraseAccount(
      app.souk,
      subject,
      erasureRegistry.filter((p) => p.table !== 'mail_outbox'),
    );
    const proof = await proveOwnership(db, id, erasureRegistry);
    assert.deepEqual(
      proof.findings.sort((a, b) => a.rowKey.localeCompare(b.rowKey)),
      mails.map((m) => ({ table: 'mail_outbox', column: '*', rowKey: JSON.stringify([m.id]) })),
    );
    assert.deepEqual(
      proof.tables.find((x) => x.table === 'mail_outbox'),
      { table: 'mail_outbox', recorded: mails.length, gone: 0, anonymised: 0 },
    );
    assert.deepEqual(
      proof.tables.find((x) => x.table === 'users'),
      { table: 'users', recorded: 1, gone: 1, anonymised: 0 },
    );
  });

  await t.test('"not this person\'s data": a written reason, audited, printed on the certificate', async () => {
    await signUpAndSignIn(app, 'boss@souk.example', undefined, 'Boss');
    await grantRole(db, 'boss@souk.example', 'staff');
    const staff = await signIn(app, 'boss@souk.example');
    const seller = await signUpAndSignIn(app, 'newsletter@example.com', undefined, 'Newsletter Shop');
    const [productId] = await openStore(seller, 'Newsletter Shop', [
      { title: 'Brass lamp', description: 'Ask sami.dismiss@example.com, our agent.' },
    ]);
    const sami = await person(app, 'sami.dismiss@example.com', 'Sami Dismiss', '+33 6 90 90 90 90');
    const parked = await requestAndProcess(app, sami);
    assert.equal(parked.outcome, 'needs_attention');
    assert.equal(parked.attention, '1 finding to resolve, in products.description.');
    const shown = (await staff.get(`/api/admin/deletions/${parked.id}`)).json();
    const [finding] = shown.findings;
    assert.equal(finding.link, `/p/${productId}`, 'a link to the row');
    assert.ok(!finding.excerpt.includes('sami.dismiss@example.com'));

    assert.equal(
      (
        await staff.post(`/api/admin/deletions/${parked.id}/findings/${finding.id}/dismiss`, {
          reason: 'x'.repeat(501),
        })
      ).statusCode,
      400,
    );
    const anonymous = await new Client(app).post(`/api/admin/deletions/${parked.id}/findings/${finding.id}/dismiss`, {
      reason: 'Our agent, not her.',
    });
    assert.equal(anonymous.statusCode, 401, 'staff only');
    const dismissed = await staff.post(`/api/admin/deletions/${parked.id}/findings/${finding.id}/dismiss`, {
      reason: "  The shop's own sales agent address, confirmed with the shop.  ",
    });
    assert.equal(dismissed.statusCode, 200, dismissed.body);
    assert.deepEqual(
      [dismissed.json().findings[0].status, dismissed.json().findings[0].reason],
      ['dismissed', "The shop's own sales agent address, confirmed with the shop."],
    );
    assert.equal(
      (await staff.post(`/api/admin/deletions/${parked.id}/findings/${finding.id}/erase`)).statusCode,
      409,
      'a dismissed finding is not erased as well',
    );

    const processed = await staff.post(`/api/admin/deletions/${parked.id}/process`);
    assert.equal(processed.json().outcome, 'completed', processed.body);
    assert.deepEqual(processed.json().certificate.dismissed, [
      {
        table: 'products',
        column: 'description',
        identifier: 'email',
        reason: "The shop's own sales agent address, confirmed with the shop.",
      },
    ]);
    assert.equal(
      (await db.selectFrom('products').select('description').where('id', '=', productId!).executeTakeFirstOrThrow())
        .description,
      'Ask sami.dismiss@example.com, our agent.',
      'a dismissed value stays as it was',
    );
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'detail'])
      .where('subject', '=', shown.reference)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['deletion.finding.dismiss', 'deletion.process'],
    );
    assert.equal(
      audit[0]!.detail,
      "products.description (email): The shop's own sales agent address, confirmed with the shop.",
    );
    assert.ok(
      !JSON.stringify(audit).includes('sami.dismiss@example.com'),
      'the audit log names places and reasons, not the address',
    );
  });

  await t.test(
    "the key of a file they uploaded, quoted in someone else's text, is found as such and erased by staff",
    async () => {
      await signUpAndSignIn(app, 'keys.staff@souk.example', undefined, 'Keys Staff');
      await grantRole(db, 'keys.staff@souk.example', 'staff');
      const staff = await signIn(app, 'keys.staff@souk.example');
      const maker = await person(app, 'maker.keys@example.com', 'Maker Keys', '+33 6 21 21 21 21');
      const [productId] = await openStore(maker.client, 'Keys Studio', [
        { title: 'Clay cup', description: 'Fired twice.' },
      ]);
      const cookie = [...maker.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const uploaded = await app.inject({
        method: 'POST',
        url: `/api/seller/products/${productId}/images`,
        headers: { origin: ORIGIN, 'content-type': 'image/png', cookie },
        payload: PNG,
      });
      assert.equal(uploaded.statusCode, 201, uploaded.body);
      const { storage_key: key } = await db
        .selectFrom('product_images')
        .select('storage_key')
        .where('product_id', '=', productId!)
        .executeTakeFirstOrThrow();
      const copier = await signUpAndSignIn(app, 'copier@example.com', undefined, 'Copier');
      await openStore(copier, 'Copier Shop', [{ title: 'Cup like theirs', description: `Same photo as ${key}, ha.` }]);
      const parked = await requestAndProcess(app, maker);
      assert.equal(parked.outcome, 'needs_attention');
      const [finding] = (await staff.get(`/api/admin/deletions/${parked.id}`)).json().findings;
      assert.deepEqual([finding.table, finding.column, finding.identifier], ['products', 'description', 'upload key']);
      assert.ok(!finding.excerpt.includes(key), finding.excerpt);
      assert.equal(
        (await staff.post(`/api/admin/deletions/${parked.id}/findings/${finding.id}/erase`)).statusCode,
        200,
      );
      assert.equal(
        (
          await db
            .selectFrom('products')
            .select('description')
            .where('title', '=', 'Cup like theirs')
            .executeTakeFirstOrThrow()
        ).description,
        'Same photo as [removed], ha.',
      );
      assert.equal((await staff.post(`/api/admin/deletions/${parked.id}/process`)).json().outcome, 'completed');
      assert.equal(await app.souk.storage.get(key), null, 'the file itself is gone');
    },
  );
});

test('a record made beside the erasure holds what one made before it (decision 036)', async () => {
  const storage = createMemoryStorage();
  const { app, close } = await createTestApp({}, { storage });
  try {
    const db = app.souk.db;
    const [plan] = fc.sample(planArbitrary, { seed: 36, numRuns: 1 });
    const population = await buildPopulation(app, plan!);
    const blocked = blockedPeople(plan!);
    const recordedPerTable = async (id: string) =>
      Object.fromEntries(
        (
          await db
            .selectFrom('erasure_owned_rows')
            .select(['table_name', (eb) => eb.fn.sum<number>('rows').as('rows')])
            .where('request_id', '=', id)
            .groupBy('table_name')
            .orderBy('table_name')
            .execute()
        ).map((r) => [r.table_name, Number(r.rows)]),
      );
    const sellers = population.people.filter((p) => p.productIds.length > 0);
    const moreProducts = await openStore(
      await signUpAndSignIn(app, 'many.products@example.com', undefined, 'Many Products'),
      'Many Products',
      Array.from({ length: 5 }, (_, i) => ({ title: `Glass ${i}`, description: 'Blown by hand.' })),
    );
    let compared = 0;
    let spread = 0;
    for (const person of population.people) {
      if (blocked.has(person.index)) continue;
      // A question the store never answered: its conversation goes with the person's messages,
      // before the conversations' own step (the messages policy's alsoChanges; a foreign key from a
      // conversation to its last message says so too).
      // Questions on several products: conversations (and so messages) in several partitions.
      const products = [
        ...sellers.filter((s) => s.index !== person.index).flatMap((s) => s.productIds),
        ...moreProducts,
      ];
      for (const productId of products)
        assert.equal(
          (await person.client.post('/api/conversations', { productId, body: 'Is it still for sale?' })).statusCode,
          201,
        );
      const res = await person.client.post('/api/account/deletion', {
        confirmEmail: person.email,
        reason: 'data_worries',
      });
      assert.equal(res.statusCode, 202, res.body);
      const { id } = await db
        .selectFrom('deletion_requests')
        .select('id')
        .where('reference', '=', res.json().reference)
        .executeTakeFirstOrThrow();
      await waitForEmptyOutbox(app);
      const subject = { userId: person.userId, email: person.email };
      const always = { held: sql<boolean>`true`, lost: () => new Error('never') };
      // Before the erasure, as when it is made first:
      await recordOwnership(app.souk, id, subject, erasureRegistry, always);
      const before = await recordedPerTable(id);
      await db.deleteFrom('erasure_owned_rows').where('request_id', '=', id).execute();
      // Beside it, with the recorder as far behind as it can be: it writes a chunk only while the
      // erasure waits for it, so the erasure of each table runs as soon as it is allowed to.
      let erasureWaits = false;
      const recording = startRecording(app.souk, id, subject, erasureRegistry, {
        ...always,
        between: async () => {
          while (!erasureWaits) await new Promise((resolve) => setTimeout(resolve, 1));
        },
      });
      // The proof beside it too: each table proven as soon as its steps are done.
      const prover = startProving(db, id, erasureRegistry);
      const proving: Array<Promise<void>> = [];
      await eraseInBatches(app.souk, subject, {
        registry: erasureRegistry,
        limit: 5,
        targetMs: null,
        ready: async (table) => {
          erasureWaits = true;
          await recording.ready(table);
          erasureWaits = false;
        },
        erased: (table, relation) => void proving.push(prover.erased(table, relation)),
      });
      await recording.done;
      assert.deepEqual(await recordedPerTable(id), before, `${person.displayName}: the same rows per table`);
      assert.ok(
        (before.users ?? 0) === 1 && Object.keys(before).length > 5,
        `${person.displayName}: ${JSON.stringify(before)}`,
      );
      // And every recorded row is gone or anonymised; the proof made beside the erasure says what
      // one made after it says, and it proved tables itself.
      await Promise.all(proving);
      const proven = await prover.finish();
      const after = await proveOwnership(db, id, erasureRegistry);
      assert.deepEqual(after.findings, []);
      assert.deepEqual(await proveOwnership(db, id, erasureRegistry, 1, proven), after);
      // Given the time, it proved the tables itself, the messages' partitions each as the step was
      // done with it (none too early to be clean). Only rows whose own step leaves them to a later
      // cascade (answers under the person's questions) are proven again after the erasure.
      const relations = (
        await db.selectFrom('erasure_owned_rows').select('relation').distinct().where('request_id', '=', id).execute()
      ).map((r) => r.relation);
      assert.deepEqual(
        relations.filter((r) => !proven.has(r) && r !== 'answers'),
        [],
        `${person.displayName}: proven ${[...proven.keys()].join(', ')}`,
      );
      if (relations.filter((r) => r.startsWith('messages_p')).length > 1) spread++;
      compared++;
    }
    assert.ok(compared >= 2, `${compared} people compared`);
    assert.ok(spread >= 1, 'someone had messages in several partitions');
  } finally {
    await close();
  }
});

test('a table is proven beside the erasure only once nothing later can change it, and only a clean proof is kept (decision 040)', async () => {
  const { app, close } = await createTestApp({ DELETION_WAIT_HOURS: '0' }, { rateLimits: false });
  try {
    const db = app.souk.db;
    await seedCatalog(db, { products: 0, stores: 0 });
    const seller = await signUpAndSignIn(app, 'shop.prover@example.com', undefined, 'Prover Shop');
    const [productId] = await openStore(seller, 'Prover Shop', [{ title: 'Tea glass', description: 'Six of them.' }]);
    const lina = await person(app, 'lina.prover@example.com', 'Lina Prover', '+33 6 41 41 41 41');
    assert.equal(
      (await lina.client.post('/api/conversations', { productId, body: 'Are they hand-blown?' })).statusCode,
      201,
    );
    const res = await lina.client.post('/api/account/deletion', { confirmEmail: lina.email, reason: 'other' });
    const { id } = await db
      .selectFrom('deletion_requests')
      .select('id')
      .where('reference', '=', res.json().reference)
      .executeTakeFirstOrThrow();
    await waitForEmptyOutbox(app);
    const subject = { userId: lina.userId, email: lina.email };
    await recordOwnership(app.souk, id, subject, erasureRegistry, {
      held: sql<boolean>`true`,
      lost: () => new Error('never'),
    });
    const recorded = new Set(
      (await db.selectFrom('erasure_owned_rows').select('table_name').where('request_id', '=', id).execute()).map(
        (r) => r.table_name,
      ),
    );
    assert.ok(recorded.has('messages') && recorded.has('addresses') && recorded.has('users'), [...recorded].join(', '));

    // Told too early (nothing is erased yet): every table is proven at once, finds the rows, and
    // keeps nothing of that; the proof after the erasure decides.
    const early = startProving(db, id, erasureRegistry);
    await early.erased('users');
    const keptEarly = await early.finish();
    assert.deepEqual(
      [...keptEarly.values()].filter((t) => recorded.has(t.table)),
      [],
      'a proof with findings is not kept',
    );
    await eraseAccount(app.souk, subject, erasureRegistry);
    const after = await proveOwnership(db, id, erasureRegistry);
    assert.deepEqual(after.findings, []);
    assert.deepEqual(await proveOwnership(db, id, erasureRegistry, 1, keptEarly), after);

    // Messages are anonymised; nothing after them deletes rows of theirs: they are proven as soon
    // as their own steps are done, and no table later than the last one done is.
    const tables = erasureRegistry.filter((p) => p.action === 'delete' || p.action === 'anonymise').map((p) => p.table);
    const upTo = (last: string) => tables.slice(0, tables.indexOf(last) + 1);
    // The tables (not relations) proven once the erasure said the tables up to `last` are done.
    const provenUpTo = async (registry: typeof erasureRegistry, last: string) => {
      const prover = startProving(db, id, registry);
      for (const table of upTo(last)) await prover.erased(table);
      return new Set([...(await prover.finish()).values()].map((t) => t.table));
    };
    const proven = await provenUpTo(erasureRegistry, 'messages');
    assert.ok(proven.has('messages') && proven.has('addresses'), [...proven].join(', '));
    assert.equal(proven.has('conversations') || proven.has('users'), false, 'nothing after the last table done');
    // Were conversations deleted after them, the messages' foreign key would cascade: messages
    // would wait for the conversations' steps.
    const deletingConversations = erasureRegistry.map(
      (p): ErasurePolicy =>
        p.table === 'conversations' && p.action === 'anonymise'
          ? { table: p.table, action: 'delete', match: p.match, reason: p.reason }
          : p,
    );
    assert.equal(
      (await provenUpTo(deletingConversations, 'messages')).has('messages'),
      false,
      'messages wait for the conversations',
    );
    assert.equal((await provenUpTo(deletingConversations, 'conversations')).has('messages'), true);
    // An anonymised table a later policy's own code changes waits for that policy too, and so do
    // the anonymised tables that changing it cascades to (messages, from their conversation).
    const changesConversations = erasureRegistry.map((p) =>
      p.table === 'users' ? { ...p, alsoChanges: ['conversations'] } : p,
    );
    const beforeUsers = await provenUpTo(changesConversations, 'stores');
    assert.deepEqual(
      [beforeUsers.has('conversations'), beforeUsers.has('messages'), beforeUsers.has('addresses')],
      [false, false, true],
    );
    const afterUsers = await provenUpTo(changesConversations, 'users');
    assert.deepEqual([afterUsers.has('conversations'), afterUsers.has('messages')], [true, true]);

    // A partition the messages' step is done with is proven before the step ends, unless something
    // later may still delete messages.
    const [partition] = (
      await db
        .selectFrom('erasure_owned_rows')
        .select('relation')
        .where('request_id', '=', id)
        .where('table_name', '=', 'messages')
        .execute()
    ).map((r) => r.relation);
    assert.ok(partition && partition !== 'messages', partition);
    const partitionProven = async (registry: typeof erasureRegistry) => {
      const prover = startProving(db, id, registry);
      await prover.erased('messages', partition);
      return [...(await prover.finish()).keys()];
    };
    assert.deepEqual(await partitionProven(erasureRegistry), [partition]);
    assert.deepEqual(await partitionProven(deletingConversations), []);
  } finally {
    await close();
  }
});
