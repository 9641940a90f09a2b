// One refund when the process dies mid-refund (issue 19, decision 054). A worker process (a real
// Souk, its own database connection, a provider whose records outlive it) accepts a return as the
// seller and is killed with SIGKILL between the provider's refund and Souk's record of it, or
// between Souk's record of the refund and the provider's hearing of it. Souk starts again and the
// refund job runs: the provider holds one refund under one key, the buyer is refunded exactly once,
// never more than was paid, and the return shows refunded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/app.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { TestPaymentProvider } from '../src/modules/payments/provider.ts';
import { processDueRefunds } from '../src/modules/returns/index.ts';
import { Client, signUpAndSignIn } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { crashEnvironment, killWorkerAt } from './helpers/crash-worker.ts';

const WORKER = fileURLToPath(new URL('./helpers/refund-worker.ts', import.meta.url));
const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const ADDRESS = {
  fullName: 'Youssef Alaoui',
  line1: '8 Rue Tarik Ibn Ziad',
  city: 'Tangier',
  postalCode: '90000',
  country: 'MA',
};
type Stop = 'refunded' | 'refunding';

test('a worker killed mid-refund: after restart the refund completes exactly once', { timeout: 240_000 }, async (t) => {
  const { env, ledger, cleanUp } = await crashEnvironment('refund');
  const openApp = async () => {
    const app = await buildApp(loadConfig({ ...env, RUN_JOBS: 'false' }), {
      payments: new TestPaymentProvider({ ledger }),
    });
    await app.ready();
    return app;
  };
  let app: FastifyInstance | undefined = await openApp();
  t.after(async () => {
    await app?.close();
    await cleanUp();
  });
  const db = () => app!.souk.db;
  await seedCatalog(db(), { products: 0, stores: 0 });
  const sellerCookies = (await signUpAndSignIn(app, 'weaver@example.com', undefined, 'Weaver')).cookies;
  const buyerCookies = (await signUpAndSignIn(app, 'youssef@example.com', undefined, 'Youssef')).cookies;
  const store = await createFixtureStore(db(), 'Tangier Weaves', [
    { country: 'MA', cost_minor: 100, min_days: 1, max_days: 3 },
  ]);
  const sellerId = (
    await db().selectFrom('users').select('id').where('email', '=', 'weaver@example.com').executeTakeFirstOrThrow()
  ).id;
  await db().updateTable('stores').set({ owner_user_id: sellerId }).where('id', '=', store.storeId).execute();
  const rug = await createFixtureProduct(db(), store, { title: 'Kilim Runner', price: 4000, stock: 10 });
  const as = (cookies: Map<string, string>) => Object.assign(new Client(app!), { cookies: new Map(cookies) });

  /** A delivered order of two rugs (8100 paid) with a return of both asked (8000). */
  let parcel = 0;
  async function askedReturn() {
    const buyer = as(buyerCookies);
    const seller = as(sellerCookies);
    await buyer.post('/api/cart/lines', { productId: rug, quantity: 2 });
    const placed = await buyer.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      address: ADDRESS,
      card: CARD_OK,
      expectedTotal: { amount: 8100, currency: 'USD' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const orderId = placed.json().orders[0].id as string;
    parcel++;
    await seller.post(`/api/seller/orders/${orderId}/ship`, { carrier: 'DHL', trackingNumber: `RUG${1000 + parcel}X` });
    await seller.post(`/api/seller/orders/${orderId}/tracking`, { status: 'delivered' });
    const asked = await buyer.post(`/api/orders/${orderId}/returns`, {
      items: [{ position: 0, quantity: 2 }],
      reason: 'not_as_described',
    });
    assert.equal(asked.statusCode, 201, asked.body);
    return { orderId, returnId: asked.json().id as string };
  }
  async function inWorker(stop: Stop, url: string, body: unknown) {
    await app!.close();
    app = undefined;
    const reached = await killWorkerAt(WORKER, [stop, url, JSON.stringify(body)], env, sellerCookies);
    app = await openApp();
    return reached;
  }
  const refundsOf = (orderId: string) =>
    db()
      .selectFrom('refunds')
      .select(['id', 'status', 'attempt', 'amount_minor'])
      .where('order_id', '=', orderId)
      .execute();
  /** The refund job, once the unanswered attempt's wait is over (moved to now rather than waited for). */
  async function runRefundJob() {
    await db()
      .updateTable('refunds')
      .set({ next_attempt_at: sql<Date>`now()` })
      .where('status', '<>', 'succeeded')
      .execute();
    await processDueRefunds(app!.souk);
  }
  async function assertRefundedOnce(orderId: string, returnId: string) {
    const refunds = await refundsOf(orderId);
    assert.deepEqual(
      refunds.map((r) => [r.status, r.attempt, r.amount_minor]),
      [['succeeded', 1, 8000]],
      'one refund row, first attempt',
    );
    const atProvider = (await ledger.records()).filter((r) =>
      r.idempotencyKey.startsWith(`refund:refund:${refunds[0]!.id}:`),
    );
    assert.deepEqual(
      atProvider.map((r) => [r.idempotencyKey, r.result.status, r.amountMinor]),
      [[`refund:refund:${refunds[0]!.id}:1`, 'succeeded', 8000]],
      'the provider holds one refund, under one key',
    );
    const paid = (
      await db().selectFrom('orders').select('total_minor').where('id', '=', orderId).executeTakeFirstOrThrow()
    ).total_minor;
    assert.ok(atProvider.reduce((sum, r) => sum + r.amountMinor, 0) <= paid, 'never more than was paid');
    const view = (await as(buyerCookies).get(`/api/orders/${orderId}/returns`)).json();
    const ret = view.returns.find((r: { id: string }) => r.id === returnId);
    assert.equal(ret.status, 'refunded');
    assert.deepEqual(
      ret.events.map((e: { kind: string }) => e.kind),
      ['requested', 'accepted_refund', 'refunded'],
      'refunded once in the timeline',
    );
    // Running the job again or the seller accepting again refunds nothing more.
    await runRefundJob();
    const again = await as(sellerCookies).post(`/api/seller/returns/${returnId}/accept`, { mode: 'refund' });
    assert.equal(again.json().error.code, 'RETURN_STATE');
    assert.equal((await refundsOf(orderId)).length, 1);
    assert.equal(
      (await ledger.records()).filter((r) => r.idempotencyKey.startsWith(`refund:refund:${refunds[0]!.id}:`)).length,
      1,
    );
  }

  await t.test(
    'killed after the provider refunded, before Souk recorded it: the job settles the same key',
    async () => {
      const { orderId, returnId } = await askedReturn();
      const { idempotencyKey } = await inWorker('refunded', `/api/seller/returns/${returnId}/accept`, {
        mode: 'refund',
      });
      const [pending] = await refundsOf(orderId);
      assert.equal(idempotencyKey, `refund:${pending!.id}:1`);
      assert.equal(pending!.status, 'pending', 'Souk recorded no outcome');
      assert.equal((await ledger.records()).filter((r) => r.idempotencyKey === `refund:${idempotencyKey}`).length, 1);
      await runRefundJob();
      await assertRefundedOnce(orderId, returnId);
    },
  );

  await t.test('killed after the refund was written, before the provider heard of it: the job sends it', async () => {
    const { orderId, returnId } = await askedReturn();
    const { idempotencyKey } = await inWorker('refunding', `/api/seller/returns/${returnId}/accept`, {
      mode: 'refund',
    });
    assert.deepEqual(
      (await ledger.records()).filter((r) => r.idempotencyKey === `refund:${idempotencyKey}`),
      [],
    );
    await runRefundJob();
    await assertRefundedOnce(orderId, returnId);
  });
});
