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
import { createTestDatabase } from './helpers/app.ts';

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
