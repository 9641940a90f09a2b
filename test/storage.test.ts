// File storage: what goes in comes out, deletes are idempotent, and no key reaches outside the directory.
// The database driver (STORAGE=database) runs the same checks on the engine under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDiskStorage, createFileStorage, createMemoryStorage, type FileStorage } from '../src/storage.ts';
import { createDatabaseStorage } from '../src/modules/files/index.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createTestApp, createTestDatabase, ORIGIN, signUpAndSignIn } from './helpers/app.ts';
import { PNG } from './helpers/posts.ts';

async function exercise(storage: FileStorage) {
  const key = 'products/0b7a/5e1c.png';
  assert.equal(await storage.get(key), null);
  await storage.put(key, Buffer.from('first'));
  await storage.put(key, Buffer.from('second'));
  assert.equal((await storage.get(key))?.toString(), 'second');
  await storage.delete(key);
  await storage.delete(key);
  assert.equal(await storage.get(key), null);
  for (const bad of [
    '../escape.png',
    '/etc/passwd',
    'products/../../x.png',
    'a\\b.png',
    'no-extension',
    'Upper/Case.png',
  ]) {
    await assert.rejects(storage.put(bad, Buffer.from('x')), /invalid storage key/, bad);
    await assert.rejects(storage.get(bad), /invalid storage key/, bad);
  }
}

test('disk storage keeps files under its directory, written whole', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'souk-storage-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  await exercise(createDiskStorage(dir));
  await createDiskStorage(dir).put('products/a/b.jpg', Buffer.from([1, 2, 3]));
  assert.deepEqual([...(await fs.readFile(path.join(dir, 'products', 'a', 'b.jpg')))], [1, 2, 3]);
  assert.deepEqual(await fs.readdir(path.join(dir, 'products', 'a')), ['b.jpg'], 'no temporary file left behind');
  // DATA_DIR/uploads is where the app keeps them.
  await createFileStorage(dir).put('x/y.png', Buffer.from('z'));
  assert.equal(await fs.readFile(path.join(dir, 'uploads', 'x', 'y.png'), 'utf8'), 'z');
});

test('memory storage (DATA_DIR=memory://) behaves the same', async () => {
  const storage = createMemoryStorage();
  await exercise(storage);
  assert.deepEqual(storage.keys(), []);
});

test('database storage (STORAGE=database) behaves the same, and a query can fetch the bytes itself', async (t) => {
  const { database, drop } = await createTestDatabase();
  t.after(drop);
  await migrateToLatest(database.db);
  const storage = createDatabaseStorage(database.db);
  await exercise(storage);
  const bytes = Buffer.from([0, 1, 2, 250, 255]);
  await storage.put('products/a/b.jpg', bytes);
  assert.deepEqual(await storage.get('products/a/b.jpg'), bytes, 'binary bytes come back unchanged');
  const { rows } = await sql<{ key: string }>`select key from stored_files`.execute(database.db);
  assert.deepEqual(
    rows.map((r) => r.key),
    ['products/a/b.jpg'],
    'one row per key: the rejected keys wrote nothing',
  );
  // What an image route selects beside its own columns (one round trip): the bytes, or null.
  const read = await database.db
    .selectNoFrom((eb) => [
      storage.bytesOf!(eb.val('products/a/b.jpg')).as('found'),
      storage.bytesOf!(eb.val('products/a/none.jpg')).as('missing'),
    ])
    .executeTakeFirstOrThrow();
  assert.deepEqual(Buffer.from(read.found!), bytes);
  assert.equal(read.missing, null);
});

test('STORAGE=database: an uploaded image is served from the statement that finds it, one round trip', async (t) => {
  const { app, close } = await createTestApp({ STORAGE: 'database' });
  t.after(close);
  await app.souk.db.insertInto('categories').values({ slug: 'home-kitchen', name: 'Home', position: 0 }).execute();
  const seller = await signUpAndSignIn(app, 'dora.database@example.com');
  assert.equal((await seller.post('/api/stores', { name: 'Dora Pots', country: 'MA' })).statusCode, 201);
  const profile = await seller.post('/api/seller/shipping-profiles', {
    label: 'Standard',
    rates: [{ country: 'MA', cost: 0, minDays: 1, maxDays: 3 }],
  });
  const product = await seller.post('/api/seller/products', {
    title: 'Green cup',
    category: 'home-kitchen',
    price: { amount: 900, currency: 'EUR' },
    stock: 2,
    shippingProfileId: (profile.json() as { id: string }).id,
  });
  assert.equal(product.statusCode, 201, product.body);
  const uploaded = await app.inject({
    method: 'POST',
    url: `/api/seller/products/${(product.json() as { id: string }).id}/images`,
    headers: {
      origin: ORIGIN,
      'content-type': 'image/png',
      cookie: [...seller.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    payload: PNG,
  });
  assert.equal(uploaded.statusCode, 201, uploaded.body);
  const { url } = uploaded.json() as { url: string };
  const rows = await app.souk.db.selectFrom('stored_files').select(['key', 'data']).execute();
  assert.equal(rows.length, 1, 'the bytes are in the database');
  assert.deepEqual(Buffer.from(rows[0]!.data), PNG);

  // A second read (storage.get) would fail the request: the bytes must come with the image row.
  const { storage } = app.souk;
  const get = storage.get;
  storage.get = () => Promise.reject(new Error('a second round trip'));
  t.after(() => {
    storage.get = get;
  });
  const served = await app.inject({ method: 'GET', url });
  assert.equal(served.statusCode, 200, served.body);
  assert.equal(served.headers['content-type'], 'image/png');
  assert.deepEqual(served.rawPayload, PNG);
});
