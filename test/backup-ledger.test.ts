// Backups that remember erasures (decision 042), with the real commands and the real server: a
// person with an order, a question and a message is backed up, erased (certificate, final mail),
// and the backup restored (`npm run restore`). The next start (`node src/server.ts`) erases them
// again before it serves: sign-in fails, the address signs up anew, their rows are gone, the request
// shows the same certificate, and no second final mail goes out. A start on an unchanged database
// erases nothing; a backup taken after the erasure re-applies nothing; a backup from before the
// sign-up settles the entry and keeps the reference and its certificate.
// On PGlite (a DATA_DIR) and, with DATABASE_URL set, on a PostgreSQL database made for this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import type { ErasureCertificate } from '../src/db/types.ts';
import { processDeletion } from '../src/modules/deletion/index.ts';
import { grantRole } from '../src/modules/roles/service.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { FORGOTTEN_RECIPIENT } from '../src/modules/mail/transport.ts';
import { createPostgresTestDatabase, PUBLIC_URL, signUpAndSignIn, STRONG_PASSWORD } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { freePort } from './helpers/net.ts';
import { HttpClient, runScript, startServer, stopServer } from './helpers/server-process.ts';

const SECRET = 'backup-ledger-secret-backup-ledger-secret';
const PERSON = 'nadia.benali@example.com';
const STAFF = 'ledger.staff@souk.example';
const SELLER = 'ledger.seller@example.com';
const CARD = { number: '4242424242424242', expMonth: 9, expYear: 2035, cvc: '456' };
const FINAL_SUBJECT = 'Your Souk account has been deleted';
const REAPPLIED = /erasure ledger: erasures completed after the restored backup/;

type RequestView = { id: string; reference: string; status: string; certificate: ErasureCertificate | null };

test('backups that remember erasures', async (t) => {
  const baseUrl = process.env.DATABASE_URL;
  const dir = await mkdtemp(path.join(tmpdir(), 'souk-ledger-'));
  const dataDir = path.join(dir, 'data');
  const pgDatabase = baseUrl ? await createPostgresTestDatabase(baseUrl, 'ledger') : undefined;
  t.after(async () => {
    await pgDatabase?.drop();
    await rm(dir, { recursive: true, force: true });
  });
  const databaseEnv = pgDatabase ? { DATABASE_URL: pgDatabase.url } : {};
  const scriptEnv = { PATH: process.env.PATH, DATA_DIR: dataDir, AUTH_SECRET: SECRET, ...databaseEnv };
  const backup = async (name: string) => {
    const file = path.join(dir, name);
    const ran = await runScript('backup', [file], scriptEnv);
    assert.equal(ran.code, 0, ran.output);
    return file;
  };
  const restore = async (file: string) => {
    const ran = await runScript('restore', [file], scriptEnv);
    assert.equal(ran.code, 0, ran.output);
  };
  /** Souk in this process on the same data (no listening): for setting up through the API. */
  const inProcess = async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PUBLIC_URL,
      AUTH_SECRET: SECRET,
      PGLITE_THREAD: 'main',
      ...databaseEnv,
    });
    const app = await buildApp(config, { jobPollingSeconds: 0.5 });
    await app.ready();
    return app;
  };
  /** The database itself, for what a user cannot see (rows), with the server stopped. */
  const inspect = async <T>(read: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> => {
    const database = await openDatabase({ databaseUrl: pgDatabase?.url, dataDir, pgliteThread: 'main' });
    try {
      return await read(database.db);
    } finally {
      await database.close();
    }
  };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    AUTH_SECRET: SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ...databaseEnv,
  };
  /** Starts the real server, runs `check` against it, stops it; returns what it logged. */
  const serve = async (check: (http: { staff: HttpClient; anyone: HttpClient }) => Promise<void>) => {
    const server = await startServer(serverEnv, base);
    try {
      const staff = new HttpClient(base);
      const signedIn = await staff.request('POST', '/api/auth/sign-in', { email: STAFF, password: STRONG_PASSWORD });
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.json));
      await check({ staff, anyone: new HttpClient(base) });
    } finally {
      await stopServer(server);
    }
    return server.output();
  };
  const completedRequest = async (staff: HttpClient, reference: string) => {
    const list = await staff.request<{ items: RequestView[] }>('GET', '/api/admin/deletions?status=completed');
    assert.equal(list.status, 200);
    const item = list.json.items.find((r) => r.reference === reference);
    assert.ok(item, `request ${reference} is listed as completed`);
    const one = await staff.request<RequestView>('GET', `/api/admin/deletions/${item.id}`);
    assert.equal(one.status, 200);
    return one.json;
  };
  const finalMails = async (anyone: HttpClient, reference: string) => {
    const box = await anyone.request<{ messages: Array<{ subject: string; text: string }> }>(
      'GET',
      `/api/dev/mailbox?to=${encodeURIComponent(FORGOTTEN_RECIPIENT)}`,
    );
    assert.equal(box.status, 200);
    return box.json.messages.filter((m) => m.subject === FINAL_SUBJECT && m.text.includes(reference));
  };

  // Before the person signs up: a store, its seller and a staff member. Backup Z.
  let product = '';
  {
    const app = await inProcess();
    try {
      await seedCatalog(app.souk.db, { products: 0, stores: 0 });
      const store = await createFixtureStore(app.souk.db, 'Tanger Ceramics', [
        { country: 'MA', cost_minor: 300, min_days: 1, max_days: 3 },
      ]);
      product = await createFixtureProduct(app.souk.db, store, { title: 'Blue Tile Set', price: 4000, stock: 20 });
      await signUpAndSignIn(app, SELLER, undefined, 'Tile Seller');
      const seller = await app.souk.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', SELLER)
        .executeTakeFirstOrThrow();
      await app.souk.db
        .updateTable('stores')
        .set({ owner_user_id: seller.id })
        .where('id', '=', store.storeId)
        .execute();
      await signUpAndSignIn(app, STAFF, undefined, 'Ledger Staff');
      assert.ok(await grantRole(app.souk.db, STAFF, 'staff'));
    } finally {
      await app.close();
    }
  }
  const beforeSignUp = await backup('before-sign-up.backup');

  // The person: an order (shipped, so nothing blocks the deletion), a question, a message. Backup A.
  let personId = '';
  let orderId = '';
  {
    const app = await inProcess();
    try {
      const person = await signUpAndSignIn(app, PERSON, undefined, 'Nadia Benali');
      personId = (
        await app.souk.db.selectFrom('users').select('id').where('email', '=', PERSON).executeTakeFirstOrThrow()
      ).id;
      await person.post('/api/cart/lines', { productId: product, quantity: 1 });
      const placed = await person.post('/api/checkout', {
        idempotencyKey: randomUUID(),
        address: { fullName: 'Nadia Benali', line1: '3 Rue de la Kasbah', city: 'Tangier', country: 'MA', save: true },
        card: { ...CARD, save: true },
        expectedTotal: { amount: 4300, currency: 'USD' },
      });
      assert.equal(placed.statusCode, 201, placed.body);
      orderId = placed.json().orders[0].id;
      const seller = await signUpAndSignInAgain(app, SELLER);
      const shipped = await seller.post(`/api/seller/orders/${orderId}/ship`, {
        carrier: 'Amana',
        trackingNumber: 'AMANA-LEDGER-1',
      });
      assert.equal(shipped.statusCode, 200, shipped.body);
      const asked = await person.post(`/api/products/${product}/questions`, { body: 'Are the tiles frost-proof?' });
      assert.equal(asked.statusCode, 201, asked.body);
      const wrote = await person.post('/api/conversations', { productId: product, body: 'Can you ship 40 tiles?' });
      assert.equal(wrote.statusCode, 201, wrote.body);
    } finally {
      await app.close();
    }
  }
  const beforeErasure = await backup('before-erasure.backup');

  // The erasure, to completion. Backup B, after it.
  let reference = '';
  let certificate: ErasureCertificate | null = null;
  let completedAt: Date | null = null;
  {
    const app = await inProcess();
    try {
      const person = await signUpAndSignInAgain(app, PERSON);
      const asked = await person.post('/api/account/deletion', { confirmEmail: PERSON, password: STRONG_PASSWORD });
      assert.equal(asked.statusCode, 202, asked.body);
      const request = await app.souk.db
        .selectFrom('deletion_requests')
        .select(['id', 'reference'])
        .executeTakeFirstOrThrow();
      reference = request.reference;
      assert.equal(await processDeletion(app.souk, request.id), 'completed');
      const done = await app.souk.db
        .selectFrom('deletion_requests')
        .select(['certificate', 'completed_at'])
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      certificate = done.certificate;
      completedAt = done.completed_at;
      assert.equal(certificate?.scan.clean, true);
      // The final mail went out once (delivered by the job loop of this process).
      const deadline = Date.now() + 15_000;
      while ((await finalMailRows(app.souk.db, reference)) === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      assert.equal(await finalMailRows(app.souk.db, reference), 1);
    } finally {
      await app.close();
    }
  }
  const afterErasure = await backup('after-erasure.backup');

  await t.test('the ledger holds the reference, a keyed hash and the certificate: nothing personal', async () => {
    const entries: Array<{ reference: string; certificate: unknown }> = pgDatabase
      ? await inspect(
          async (db) =>
            (await sql<{ reference: string; certificate: unknown }>`select * from souk_ledger.erasures`.execute(db))
              .rows,
        )
      : (await readFile(path.join(dataDir, 'erasure-ledger.jsonl'), 'utf8'))
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line));
    assert.deepEqual(
      entries.map((e) => e.reference),
      [reference],
    );
    assert.deepEqual(entries[0]!.certificate, certificate, 'the certificate as issued');
    const outside = JSON.stringify(entries);
    for (const personal of [PERSON, personId, 'Nadia', 'Kasbah'])
      assert.ok(!outside.includes(personal), `the ledger does not hold ${personal}`);
    const backupBytes = await readFile(afterErasure);
    assert.ok(backupBytes.length > 0);
  });

  await t.test(
    'restore a backup from before the erasure: the start erases the account again before serving',
    async () => {
      await restore(beforeErasure);
      assert.ok(
        await inspect(async (db) => db.selectFrom('users').select('id').where('id', '=', personId).executeTakeFirst()),
        'the restored backup holds the account',
      );
      const output = await serve(async ({ staff, anyone }) => {
        const signIn = await anyone.request('POST', '/api/auth/sign-in', { email: PERSON, password: STRONG_PASSWORD });
        assert.equal(signIn.status, 401, 'the erased account cannot sign in');
        const request = await completedRequest(staff, reference);
        assert.deepEqual(request.certificate, certificate, 'the same reference shows the same certificate');
        assert.deepEqual(await finalMails(anyone, reference), [], 'no second final mail');
        const again = await anyone.request('POST', '/api/auth/sign-up', {
          email: PERSON,
          password: STRONG_PASSWORD,
          displayName: 'Nadia Again',
        });
        assert.equal(again.status, 202, 'the address signs up anew');
      });
      assert.match(output, REAPPLIED);
      const rows = await inspect(async (db) => ({
        user: await db.selectFrom('users').select('id').where('id', '=', personId).executeTakeFirst(),
        order: await db.selectFrom('orders').select(['buyer_user_id']).where('id', '=', orderId).executeTakeFirst(),
        questions: await db.selectFrom('questions').select('id').where('author_user_id', '=', personId).execute(),
        messages: await db.selectFrom('messages').select('id').where('sender_user_id', '=', personId).execute(),
        addresses: await db.selectFrom('addresses').select('id').where('user_id', '=', personId).execute(),
        cards: await db.selectFrom('payment_methods').select('id').where('user_id', '=', personId).execute(),
        request: await db
          .selectFrom('deletion_requests')
          .select(['status', 'user_id', 'completed_at'])
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow(),
        ledger: await db
          .selectFrom('erasure_ledger')
          .select(['settled'])
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow(),
        outbox: await db
          .selectFrom('mail_outbox')
          .select('id')
          .where(sql`lower(to_address)`, '=', PERSON)
          .where('subject', '=', FINAL_SUBJECT)
          .execute(),
      }));
      assert.equal(rows.user, undefined, 'the account is gone');
      assert.equal(rows.order?.buyer_user_id, null, 'the order is kept, anonymised');
      assert.deepEqual(rows.questions, []);
      assert.deepEqual(rows.messages, []);
      assert.deepEqual(rows.addresses, []);
      assert.deepEqual(rows.cards, []);
      assert.deepEqual(rows.request, { status: 'completed', user_id: null, completed_at: completedAt });
      assert.equal(rows.ledger.settled, 'erased_again');
      assert.deepEqual(rows.outbox, [], 'no final mail queued either');
    },
  );

  await t.test('a start on an unchanged database erases nothing', async () => {
    const snapshot = () =>
      inspect(async (db) => ({
        again: await db.selectFrom('users').select('id').where('email', '=', PERSON).executeTakeFirst(),
        requests: await db
          .selectFrom('deletion_requests')
          .select(['reference', 'status', 'completed_at', 'certificate'])
          .orderBy('reference')
          .execute(),
        ledger: await db.selectFrom('erasure_ledger').select(['reference', 'settled', 'settled_at']).execute(),
      }));
    const before = await snapshot();
    assert.ok(before.again, 'the new account with the same address exists');
    const output = await serve(async () => {});
    assert.doesNotMatch(output, REAPPLIED);
    assert.deepEqual(await snapshot(), before, 'the new account with the same address is untouched');
  });

  await t.test('restore a backup taken after the erasure: nothing is re-applied', async () => {
    await restore(afterErasure);
    const output = await serve(async ({ staff, anyone }) => {
      assert.deepEqual((await completedRequest(staff, reference)).certificate, certificate);
      assert.equal((await finalMails(anyone, reference)).length, 1, 'the first final mail, and no other');
    });
    assert.doesNotMatch(output, REAPPLIED);
    const ledger = await inspect((db) =>
      db.selectFrom('erasure_ledger').select(['settled']).where('reference', '=', reference).executeTakeFirstOrThrow(),
    );
    assert.equal(ledger.settled, null);
  });

  await t.test(
    'restore a backup from before the sign-up: the entry is settled, the reference still shows its certificate',
    async () => {
      await restore(beforeSignUp);
      const output = await serve(async ({ staff, anyone }) => {
        assert.deepEqual((await completedRequest(staff, reference)).certificate, certificate);
        const signIn = await anyone.request('POST', '/api/auth/sign-in', { email: PERSON, password: STRONG_PASSWORD });
        assert.equal(signIn.status, 401);
      });
      assert.match(output, REAPPLIED);
      const after = await inspect(async (db) => ({
        ledger: await db
          .selectFrom('erasure_ledger')
          .select(['settled'])
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow(),
        request: await db
          .selectFrom('deletion_requests')
          .select(['status', 'user_id', 'completed_at'])
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow(),
      }));
      assert.equal(after.ledger.settled, 'absent');
      assert.deepEqual(after.request, { status: 'completed', user_id: null, completed_at: completedAt });
    },
  );
});

/** Rows of the final mail for `reference` in the development mailbox (which keeps no address for it). */
async function finalMailRows(db: Awaited<ReturnType<typeof openDatabase>>['db'], reference: string): Promise<number> {
  const rows = await db
    .selectFrom('dev_mailbox')
    .select('id')
    .where('subject', '=', FINAL_SUBJECT)
    .where('text', 'like', `%${reference}%`)
    .execute();
  return rows.length;
}

/** Signs an existing account in on this app (another process made it). */
async function signUpAndSignInAgain(app: Awaited<ReturnType<typeof buildApp>>, email: string) {
  const { Client } = await import('./helpers/app.ts');
  const client = new Client(app);
  const res = await client.post('/api/auth/sign-in', { email, password: STRONG_PASSWORD });
  assert.equal(res.statusCode, 200, res.body);
  return client;
}
