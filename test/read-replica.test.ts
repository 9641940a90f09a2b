// DATABASE_REPLICA_URL (decision 044): public catalogue reads are served by a real hot standby,
// while a seller who just edited a product sees the edit on their next page (read-your-writes).
// Replay is paused on the standby to make it visibly behind: an anonymous reader then gets the
// standby's old title — the proof that it served the read — while the seller, whose write left the
// primary's WAL position in a cookie, gets the new one from the primary. A stopped standby costs
// no page: reads fall back to the primary with one log line. PostgreSQL only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { Client, PUBLIC_URL, signUpAndSignIn } from './helpers/app.ts';
import { startStandby, standbyUnavailableReason, type Standby } from './helpers/standby.ts';

const WROTE_AT = 'souk.wrote_at';
const skip = standbyUnavailableReason();

const titleOf = async (client: Client, id: string) => {
  const res = await client.get(`/api/products/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { title: string }).title;
};

const searchTitles = async (client: Client, q: string) => {
  const res = await client.get(`/api/search?q=${encodeURIComponent(q)}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: Array<{ title: string }> }).items.map((item) => item.title);
};

test('catalogue reads on a hot standby, with read-your-writes for the seller who edits', { skip }, async (t) => {
  let standby: Standby | undefined;
  let app: FastifyInstance | undefined;
  t.after(async () => {
    await app?.close();
    await standby?.close();
  });
  const began = performance.now();
  standby = await startStandby();
  t.diagnostic(`primary: ${standby.primaryKind}; standby up in ${Math.round(performance.now() - began)} ms`);
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    PUBLIC_URL,
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'warn',
    DATABASE_URL: standby.primaryUrl,
    DATABASE_REPLICA_URL: standby.standbyUrl,
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: 'memory://', poolSize: 5 });
  app = await buildApp(config, { database, closeDatabase: true, jobPollingSeconds: 0.5, logStream });
  await app.ready();
  t.diagnostic(`app ready (migrated) at ${Math.round(performance.now() - began)} ms`);
  await app.souk.db
    .insertInto('categories')
    .values({ slug: 'home-kitchen', name: 'Home & Kitchen', position: 0 })
    .execute();

  const seller = await signUpAndSignIn(app, 'lantern-seller@example.com');
  t.diagnostic(`seller signed in at ${Math.round(performance.now() - began)} ms`);
  assert.equal((await seller.post('/api/stores', { name: 'Lantern House', country: 'MA' })).statusCode, 201);
  const profile = await seller.post('/api/seller/shipping-profiles', {
    label: 'Everywhere',
    rates: [{ country: 'US', cost: 500, minDays: 3, maxDays: 9 }],
  });
  assert.equal(profile.statusCode, 201, profile.body);
  const created = await seller.post('/api/seller/products', {
    title: 'Blue Zellige Lantern',
    category: 'home-kitchen',
    price: { amount: 4200, currency: 'USD' },
    stock: 5,
    shippingProfileId: (profile.json() as { id: string }).id,
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = (created.json() as { id: string }).id;
  assert.match(created.headers['set-cookie']?.toString() ?? '', /souk\.wrote_at=[0-9A-F]+\/[0-9A-F]+;.*HttpOnly/i);
  await standby.caughtUp();
  const visitor = new Client(app);

  await t.test('the standby serves catalogue reads through its own pool', async () => {
    assert.equal(await titleOf(visitor, id), 'Blue Zellige Lantern');
    assert.deepEqual(await searchTitles(visitor, 'zellige'), ['Blue Zellige Lantern']);
    const [row] = await standby!.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where application_name = 'souk-replica-reads' and datname = current_database()`,
    );
    assert.ok(row!.n >= 1, 'the app holds connections to the standby');
  });

  await t.test('replay paused: the seller sees the edit at once, a visitor the standby’s old title', async () => {
    await standby!.pauseReplay();
    const edited = await seller.patch(`/api/seller/products/${id}`, { title: 'Red Zellige Lantern' });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.ok(seller.cookies.has(WROTE_AT), 'the write left its WAL position in a cookie');

    assert.equal(await titleOf(seller, id), 'Red Zellige Lantern', 'read-your-writes: the primary answered');
    assert.deepEqual(await searchTitles(seller, 'zellige'), ['Red Zellige Lantern']);
    // Asked again after the background check of the replica's position: still behind, still the primary.
    await sleep(200);
    assert.equal(await titleOf(seller, id), 'Red Zellige Lantern');

    // Served by the standby: the primary holds only the new title.
    assert.equal(await titleOf(visitor, id), 'Blue Zellige Lantern');
    assert.deepEqual(await searchTitles(visitor, 'zellige'), ['Blue Zellige Lantern']);
    // The same seller without the cookie (another browser) reads the standby too: the cookie is what routes.
    const sameSellerElsewhere = new Client(app);
    for (const [name, value] of seller.cookies) if (name !== WROTE_AT) sameSellerElsewhere.cookies.set(name, value);
    assert.equal(await titleOf(sameSellerElsewhere, id), 'Blue Zellige Lantern');
  });

  await t.test('replay resumed: everyone sees the new title', async () => {
    await standby!.resumeReplay();
    await standby!.caughtUp();
    assert.equal(await titleOf(visitor, id), 'Red Zellige Lantern');
    assert.deepEqual(await searchTitles(visitor, 'zellige'), ['Red Zellige Lantern']);
    assert.equal(await titleOf(seller, id), 'Red Zellige Lantern');
  });

  await t.test('a forged or malformed cookie changes nothing but where that reader’s page comes from', async () => {
    const odd = new Client(app!);
    odd.cookies.set(WROTE_AT, 'not-a-position');
    assert.equal(await titleOf(odd, id), 'Red Zellige Lantern');
    odd.cookies.set(WROTE_AT, 'FFFFFFFF/FFFFFFFF');
    assert.equal(await titleOf(odd, id), 'Red Zellige Lantern');
  });

  await t.test('the standby stopped: the catalogue is still served, from the primary, with one log line', async () => {
    await standby!.stop();
    assert.equal(await titleOf(visitor, id), 'Red Zellige Lantern');
    assert.deepEqual(await searchTitles(visitor, 'zellige'), ['Red Zellige Lantern']);
    const home = await visitor.get('/api/catalog/home');
    assert.equal(home.statusCode, 200, home.body);
    assert.equal((await visitor.get('/api/categories')).statusCode, 200);
    const warnings = logLines.filter((line) => line.includes('read replica unavailable'));
    assert.equal(warnings.length, 1, logLines.join(''));
    assert.doesNotMatch(warnings[0]!, /lantern-seller|Zellige|postgres:\/\//i);
  });
});
