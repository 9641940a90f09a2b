// One charge per checkout when the process dies mid-payment. A worker process (a real Souk, its own
// database connection, a provider whose charges outlive it) sends the buyer's request and is killed
// with SIGKILL between the provider's charge and Souk's record of it, or between Souk's record of
// the attempt and the provider's hearing of it. Souk starts again and the buyer retries, or the
// reconciliation job runs: the provider must hold exactly one charge for each checkout, every
// checkout must be paid once, and each receipt must go once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { TestPaymentProvider } from '../src/modules/payments/provider.ts';
import { PAYMENTS_RECONCILE_QUEUE } from '../src/modules/orders/charges.ts';
import { Client, mailsTo, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { crashEnvironment, killWorkerAt } from './helpers/crash-worker.ts';

const WORKER = fileURLToPath(new URL('./helpers/charge-worker.ts', import.meta.url));
const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const CARD_DECLINED = { number: '4000000000000002', expMonth: 12, expYear: 2035, cvc: '123' };
const ADDRESS = {
  fullName: 'Youssef Alaoui',
  line1: '8 Rue Tarik Ibn Ziad',
  city: 'Tangier',
  postalCode: '90000',
  country: 'MA',
};
const TOTAL = { amount: 4100, currency: 'USD' };

type CheckoutAnswer = {
  checkout: { id: string; status: string; paymentPending: boolean; paymentAttempts: number };
  orders: Array<{ number: string; status: string }>;
  payment: { status: string } | null;
};

// A one-second lease: once the killed worker's attempt is a second old, Souk presumes it dead.
const setUp = () => crashEnvironment('charge', { PAYMENT_LEASE_SECONDS: '1' });

type Stop = 'charged' | 'charging';

test('a worker killed mid-payment: one charge at the provider and one paid order per checkout', {
  timeout: 240_000,
}, async (t) => {
  const { env, ledger, cleanUp } = await setUp();
  // Without the job queue unless asked (mail then goes at once): a retry must not race the
  // reconciliation job's run at start, except where the job is what is tested.
  const openApp = async (jobs = false) => {
    const app = await buildApp(loadConfig({ ...env, RUN_JOBS: String(jobs) }), {
      jobPollingSeconds: 0.5,
      payments: new TestPaymentProvider({ ledger }),
    });
    await app.ready();
    return app;
  };
  let app: FastifyInstance | undefined = await openApp();
  // One hook: the app (and its job queue) closes before its data directory goes.
  t.after(async () => {
    await app?.close();
    await cleanUp();
  });
  const db = () => app!.souk.db;
  await seedCatalog(db(), { products: 0, stores: 0 });
  await signUpAndSignIn(app, 'weaver@example.com', undefined, 'Weaver');
  const cookies = (await signUpAndSignIn(app, 'youssef@example.com', undefined, 'Youssef')).cookies;
  const store = await createFixtureStore(db(), 'Tangier Weaves', [
    { country: 'MA', cost_minor: 100, min_days: 1, max_days: 3 },
  ]);
  const seller = await db()
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'weaver@example.com')
    .executeTakeFirstOrThrow();
  await db().updateTable('stores').set({ owner_user_id: seller.id }).where('id', '=', store.storeId).execute();
  const rug = await createFixtureProduct(db(), store, { title: 'Kilim Runner', price: 4000, stock: 10 });

  const buyer = () => Object.assign(new Client(app!), { cookies: new Map(cookies) });
  /** The worker gets the database to itself (PGlite's data directory has one owner at a time). */
  async function inWorker(stop: Stop, url: string, body: unknown, restart: { jobs: boolean } = { jobs: false }) {
    await app!.close();
    app = undefined;
    const reached = await killWorkerAt(WORKER, [stop, 'POST', url, JSON.stringify(body)], env, cookies);
    // Souk starts again; by now the killed attempt's one-second lease is over.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    app = await openApp(restart.jobs);
    return reached;
  }
  const keysSentFor = async (checkoutId: string) =>
    (await ledger.records()).filter((r) => r.idempotencyKey.startsWith(`${checkoutId}:`));
  const checkoutOf = async (idempotencyKey: string) =>
    (
      await db()
        .selectFrom('checkouts')
        .select('id')
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirstOrThrow()
    ).id;
  const payments = (checkoutId: string) =>
    db()
      .selectFrom('payments')
      .select(['status', 'idempotency_key', 'failure_code', 'settled_by'])
      .where('checkout_id', '=', checkoutId)
      .orderBy('created_at')
      .execute();
  async function receipts(orderNumber: string, to: string) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    return (await mailsTo(app!, to))
      .filter((m) => m.subject.includes(orderNumber))
      .map((m) => m.subject.replace(orderNumber, '').replace(/[\s:]+$/, ''))
      .sort();
  }

  await t.test(
    'killed between the charge and its record while placing; the buyer sends the same checkout again',
    async () => {
      assert.equal((await buyer().post('/api/cart/lines', { productId: rug, quantity: 1 })).statusCode, 200);
      const place = { idempotencyKey: randomUUID(), address: ADDRESS, card: CARD_OK, expectedTotal: TOTAL };
      const { idempotencyKey } = await inWorker('charged', '/api/checkout', place);
      const id = await checkoutOf(place.idempotencyKey);
      assert.equal(idempotencyKey, `${id}:1`);
      const lost = (await buyer().get(`/api/checkouts/${id}`)).json() as CheckoutAnswer;
      assert.deepEqual(
        [lost.checkout.status, lost.checkout.paymentPending],
        ['awaiting_payment', true],
        'Souk recorded no outcome',
      );

      const retried = await buyer().post('/api/checkout', place);
      assert.equal(retried.statusCode, 201, retried.body);
      const answer = retried.json() as CheckoutAnswer;
      assert.deepEqual([answer.checkout.id, answer.checkout.status, answer.payment?.status], [id, 'paid', 'succeeded']);
      assert.deepEqual(
        answer.orders.map((o) => o.status),
        ['paid'],
      );
      const sent = await keysSentFor(id);
      assert.deepEqual(
        sent.map((r) => [r.idempotencyKey, r.result.status]),
        [[`${id}:1`, 'succeeded']],
        'one charge at the provider',
      );
      assert.deepEqual(
        (await payments(id)).map((p) => [p.status, p.settled_by]),
        [['succeeded', 'retry']],
      );
      await waitForMail(app!, 'youssef@example.com', new RegExp(`^Order confirmed: ${answer.orders[0]!.number}`));
      assert.deepEqual(await receipts(answer.orders[0]!.number, 'youssef@example.com'), ['Order confirmed']);
      assert.deepEqual(await receipts(answer.orders[0]!.number, 'weaver@example.com'), ['New paid order']);
    },
  );

  await t.test(
    'killed between the charge and its record while placing; the buyer pays again with another card, which is not charged',
    async () => {
      assert.equal((await buyer().post('/api/cart/lines', { productId: rug, quantity: 1 })).statusCode, 200);
      const place = { idempotencyKey: randomUUID(), address: ADDRESS, card: CARD_OK, expectedTotal: TOTAL };
      await inWorker('charged', '/api/checkout', place);
      const id = await checkoutOf(place.idempotencyKey);

      const paid = await buyer().post(`/api/checkouts/${id}/pay`, {
        card: { ...CARD_OK, number: '5555 5555 5555 4444' },
      });
      assert.equal(paid.statusCode, 200, paid.body);
      const answer = paid.json() as CheckoutAnswer;
      assert.deepEqual(
        [answer.checkout.status, answer.checkout.paymentAttempts],
        ['paid', 1],
        'no second attempt was started',
      );
      assert.deepEqual(
        (await keysSentFor(id)).map((r) => [r.idempotencyKey, r.result.status]),
        [[`${id}:1`, 'succeeded']],
        'one charge at the provider',
      );
      assert.deepEqual(
        (await payments(id)).map((p) => [p.status, p.settled_by]),
        [['succeeded', 'retry']],
      );
      await waitForMail(app!, 'youssef@example.com', new RegExp(`^Order confirmed: ${answer.orders[0]!.number}`));
      assert.deepEqual(await receipts(answer.orders[0]!.number, 'youssef@example.com'), ['Order confirmed']);
    },
  );

  await t.test(
    'killed between the charge and its record while paying again; the reconciliation job settles it',
    async () => {
      assert.equal((await buyer().post('/api/cart/lines', { productId: rug, quantity: 1 })).statusCode, 200);
      const placed = (
        await buyer().post('/api/checkout', {
          idempotencyKey: randomUUID(),
          address: ADDRESS,
          card: CARD_DECLINED,
          expectedTotal: TOTAL,
        })
      ).json() as CheckoutAnswer;
      const id = placed.checkout.id;
      assert.equal(placed.checkout.status, 'awaiting_payment');
      const { idempotencyKey } = await inWorker(
        'charged',
        `/api/checkouts/${id}/pay`,
        { card: CARD_OK },
        { jobs: true },
      );
      assert.equal(idempotencyKey, `${id}:2`);

      await app!.souk.jobs!.send(PAYMENTS_RECONCILE_QUEUE, {});
      let after = (await buyer().get(`/api/checkouts/${id}`)).json() as CheckoutAnswer;
      for (let i = 0; i < 100 && after.checkout.status !== 'paid'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = (await buyer().get(`/api/checkouts/${id}`)).json() as CheckoutAnswer;
      }
      assert.deepEqual([after.checkout.status, after.checkout.paymentPending], ['paid', false]);
      assert.deepEqual(
        (await keysSentFor(id)).filter((r) => r.result.status === 'succeeded').map((r) => r.idempotencyKey),
        [`${id}:2`],
        'one charge at the provider',
      );
      assert.deepEqual(
        (await payments(id)).map((p) => [p.status, p.settled_by]),
        [
          ['declined', 'charge'],
          ['succeeded', 'reconciler'],
        ],
      );
      await waitForMail(app!, 'youssef@example.com', new RegExp(`^Payment received: ${after.orders[0]!.number}`));
      assert.deepEqual(await receipts(after.orders[0]!.number, 'youssef@example.com'), [
        'Order placed, awaiting payment',
        'Payment received',
      ]);
      assert.deepEqual(await receipts(after.orders[0]!.number, 'weaver@example.com'), ['New paid order']);
    },
  );

  await t.test(
    'killed after the attempt was written, before the provider heard of it; the buyer pays again',
    async () => {
      assert.equal((await buyer().post('/api/cart/lines', { productId: rug, quantity: 1 })).statusCode, 200);
      const place = { idempotencyKey: randomUUID(), address: ADDRESS, card: CARD_OK, expectedTotal: TOTAL };
      await inWorker('charging', '/api/checkout', place);
      const id = await checkoutOf(place.idempotencyKey);
      assert.deepEqual(await keysSentFor(id), [], 'nothing reached the provider');

      const paid = await buyer().post(`/api/checkouts/${id}/pay`, { card: CARD_OK });
      assert.equal(paid.statusCode, 200, paid.body);
      assert.equal((paid.json() as CheckoutAnswer).checkout.status, 'paid');
      assert.deepEqual(
        (await keysSentFor(id)).map((r) => [r.idempotencyKey, r.result.status]),
        [[`${id}:2`, 'succeeded']],
      );
      assert.deepEqual(
        (await payments(id)).map((p) => [p.status, p.failure_code, p.settled_by]),
        [
          ['retry', 'not_found', 'retry'],
          ['succeeded', null, 'charge'],
        ],
      );
    },
  );

  await t.test(
    'across all of it: one charge per checkout, every checkout paid, stock taken once per order',
    async () => {
      const checkouts = await db().selectFrom('checkouts').select(['id', 'status']).execute();
      assert.equal(checkouts.length, 4);
      const charges = (await ledger.records()).filter((r) => r.result.status === 'succeeded');
      for (const c of checkouts) {
        assert.equal(c.status, 'paid');
        assert.equal(charges.filter((r) => r.idempotencyKey.startsWith(`${c.id}:`)).length, 1, `checkout ${c.id}`);
      }
      assert.equal(charges.length, 4);
      const orders = await db().selectFrom('orders').select('status').execute();
      assert.deepEqual(
        orders.map((o) => o.status),
        ['paid', 'paid', 'paid', 'paid'],
      );
      assert.equal(
        (await db().selectFrom('products').select('stock').where('id', '=', rug).executeTakeFirstOrThrow()).stock,
        6,
      );
      assert.equal(
        Number(
          (
            await db()
              .selectFrom('pending_charge_tokens')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
        0,
      );
    },
  );
});
