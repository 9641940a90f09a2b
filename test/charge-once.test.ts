// A checkout's card is charged at most once, whatever happens between the provider's charge and
// Souk's record of it (decision 033): an answer that never came keeps its attempt, and its key,
// until the provider has been asked; retries, a repeated checkout key, the reconciliation job and
// requests racing each other all end with one charge at the provider and one paid checkout.
// Through the HTTP API on the engine under test; the provider's own ledger counts the charges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { type Client, createTestApp, forgetRateLimits, mailsTo, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { MemoryChargeLedger, TestPaymentProvider } from '../src/modules/payments/provider.ts';
import { behindNetwork } from './helpers/payments.ts';
import { PAYMENTS_RECONCILE_QUEUE, reconcilePayments } from '../src/modules/orders/charges.ts';
import { expireUnpaidCheckouts } from '../src/modules/orders/checkout.ts';

type Money = { amount: number; currency: string };
type CheckoutAnswer = {
  checkout: { id: string; status: string; total: Money; paymentAttempts: number; paymentPending: boolean };
  orders: Array<{ id: string; number: string; status: string }>;
  payment: { status: string; error: { code: string; message: string } | null } | null;
};

const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const CARD_LOST = { number: '4000 0000 0000 0259', expMonth: 12, expYear: 2035, cvc: '123' };
const CARD_DECLINED = { number: '4000000000000002', expMonth: 12, expYear: 2035, cvc: '123' };
const ADDRESS = {
  fullName: 'Salma Idrissi',
  line1: '3 Derb Sidi Bouloukat',
  city: 'Marrakesh',
  postalCode: '40000',
  country: 'MA',
};
const TOTAL = { amount: 2600, currency: 'USD' };

test('a checkout is charged at most once', async (t) => {
  const ledger = new MemoryChargeLedger();
  // The network to the provider: down (a request fails before it arrives), or holding requests in flight.
  const network = { down: false, hold: null as Promise<void> | null, refunds: [] as string[] };
  const payments = behindNetwork(new TestPaymentProvider({ ledger }), {
    async beforeCharge() {
      if (network.hold) await network.hold;
      if (network.down) throw new Error('connect ECONNRESET');
    },
    onRefund: (reference) => network.refunds.push(reference),
  });
  const { app, close } = await createTestApp({}, { rateLimits: true, payments });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });

  await signUpAndSignIn(app, 'potter@example.com', undefined, 'Potter');
  const buyer = await signUpAndSignIn(app, 'salma@example.com', undefined, 'Salma');
  const store = await createFixtureStore(db, 'Fes Pottery', [
    { country: 'MA', cost_minor: 100, min_days: 1, max_days: 3 },
  ]);
  const sellerId = (
    await db.selectFrom('users').select('id').where('email', '=', 'potter@example.com').executeTakeFirstOrThrow()
  ).id;
  await db.updateTable('stores').set({ owner_user_id: sellerId }).where('id', '=', store.storeId).execute();
  const bowl = await createFixtureProduct(db, store, { title: 'Glazed Bowl', price: 2500, stock: 100 });
  t.beforeEach(() => forgetRateLimits(app));

  /** Charges the provider made for a checkout (its ledger: what a card statement would show). */
  const chargesOf = (checkoutId: string) =>
    ledger.records.filter((r) => r.idempotencyKey.startsWith(`${checkoutId}:`) && r.result.status === 'succeeded');
  const keysSentFor = (checkoutId: string) =>
    ledger.records.filter((r) => r.idempotencyKey.startsWith(`${checkoutId}:`)).map((r) => r.idempotencyKey);
  const paymentsOf = (checkoutId: string) =>
    db
      .selectFrom('payments')
      .select(['status', 'idempotency_key', 'failure_code', 'settled_by', 'amount_minor'])
      .where('checkout_id', '=', checkoutId)
      .orderBy('created_at')
      .execute();
  const tokensLeft = async () =>
    Number(
      (
        await db
          .selectFrom('pending_charge_tokens')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** As if the lease of the checkout's attempt had run out (PAYMENT_LEASE_SECONDS): its process is presumed dead. */
  const endLease = (checkoutId: string) =>
    db
      .updateTable('checkouts')
      .set({ paying_until: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', checkoutId)
      .execute();
  const view = async (client: Client, checkoutId: string) =>
    (await client.get(`/api/checkouts/${checkoutId}`)).json() as CheckoutAnswer;
  const stockOf = async () =>
    (await db.selectFrom('products').select('stock').where('id', '=', bowl).executeTakeFirstOrThrow()).stock;

  async function place(card: Record<string, unknown>, idempotencyKey: string = randomUUID()): Promise<CheckoutAnswer> {
    assert.equal((await buyer.post('/api/cart/lines', { productId: bowl, quantity: 1 })).statusCode, 200);
    const res = await buyer.post('/api/checkout', { idempotencyKey, address: ADDRESS, card, expectedTotal: TOTAL });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as CheckoutAnswer;
  }

  /** Mails to `to` whose subject names the order, once the outbox has had time to deliver any duplicate. */
  async function mailsAbout(app: FastifyInstance, to: string, orderNumber: string): Promise<string[]> {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return (await mailsTo(app, to))
      .filter((m) => m.subject.includes(orderNumber))
      .map((m) => m.subject.replace(orderNumber, '').replace(/[\s:]+$/, ''));
  }

  await t.test(
    'an answer lost after the charge keeps its key: nothing else charges until it is confirmed, then the retry finds the charge',
    async () => {
      const placed = await place(CARD_LOST);
      const id = placed.checkout.id;
      assert.deepEqual(placed.payment, {
        status: 'pending',
        error: { code: 'PAYMENT_PENDING', message: placed.payment!.error!.message },
      });
      assert.equal(placed.checkout.status, 'awaiting_payment');
      assert.equal(placed.checkout.paymentPending, true);
      assert.equal(chargesOf(id).length, 1, 'the provider charged');
      assert.deepEqual(
        await paymentsOf(id),
        [{ status: 'pending', idempotency_key: `${id}:1`, failure_code: null, settled_by: null, amount_minor: 2600 }],
        'the key was written before the call',
      );

      // While the attempt's lease runs its request may still answer: nobody else starts one.
      const early = await buyer.post(`/api/checkouts/${id}/pay`, { card: CARD_OK });
      assert.equal(early.statusCode, 409, early.body);
      assert.equal(early.json().error.code, 'PAYMENT_PENDING');
      const cancel = await buyer.post(`/api/orders/${placed.orders[0]!.id}/cancel`);
      assert.equal(cancel.statusCode, 409, cancel.body);
      assert.equal(cancel.json().error.code, 'PAYMENT_PENDING');
      // Not even once the lease is over and the checkout is long unpaid: the stock waits for the answer.
      await endLease(id);
      await db
        .updateTable('checkouts')
        .set({ created_at: sql<Date>`now() - interval '31 minutes'` } as never)
        .where('id', '=', id)
        .execute();
      const stock = await stockOf();
      assert.equal(await expireUnpaidCheckouts(app.souk), 0);
      assert.equal(await stockOf(), stock);
      assert.deepEqual(keysSentFor(id), [`${id}:1`], 'no second key was sent');

      const retried = await buyer.post(`/api/checkouts/${id}/pay`, { card: CARD_OK });
      assert.equal(retried.statusCode, 200, retried.body);
      const paid = retried.json() as CheckoutAnswer;
      assert.equal(paid.checkout.status, 'paid');
      assert.equal(paid.checkout.paymentPending, false);
      assert.deepEqual(
        paid.orders.map((o) => o.status),
        ['paid'],
      );
      assert.equal(chargesOf(id).length, 1, 'one charge at the provider');
      assert.deepEqual(keysSentFor(id), [`${id}:1`], 'the new card was never charged');
      assert.deepEqual(
        (await paymentsOf(id)).map((p) => [p.status, p.idempotency_key, p.settled_by]),
        [['succeeded', `${id}:1`, 'retry']],
      );
      assert.equal(await tokensLeft(), 0, 'the card token goes once the outcome is recorded');
      // The first attempt's outcome is the checkout's first receipt, as if the answer had come at once.
      await waitForMail(app, 'salma@example.com', new RegExp(`^Order confirmed: ${paid.orders[0]!.number}`));
      assert.deepEqual(await mailsAbout(app, 'salma@example.com', paid.orders[0]!.number), ['Order confirmed']);
      assert.deepEqual(await mailsAbout(app, 'potter@example.com', paid.orders[0]!.number), ['New paid order']);
    },
  );

  await t.test('the reconciliation job settles a lost answer exactly as a normal success would', async () => {
    const placed = await place(CARD_LOST);
    const id = placed.checkout.id;
    await endLease(id);
    await app.souk.jobs!.send(PAYMENTS_RECONCILE_QUEUE, {});
    for (let i = 0; i < 100 && (await view(buyer, id)).checkout.status !== 'paid'; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await view(buyer, id);
    assert.equal(after.checkout.status, 'paid');
    assert.deepEqual(
      after.orders.map((o) => o.status),
      ['paid'],
    );
    assert.equal(chargesOf(id).length, 1);
    assert.deepEqual(
      (await paymentsOf(id)).map((p) => [p.status, p.settled_by]),
      [['succeeded', 'reconciler']],
    );
    await waitForMail(app, 'salma@example.com', new RegExp(`^Order confirmed: ${after.orders[0]!.number}`));
    assert.deepEqual(await mailsAbout(app, 'salma@example.com', after.orders[0]!.number), ['Order confirmed']);
    assert.deepEqual(await mailsAbout(app, 'potter@example.com', after.orders[0]!.number), ['New paid order']);
    assert.deepEqual(await reconcilePayments(app.souk), { settled: 0, unknown: 0 }, 'nothing is left to confirm');
  });

  await t.test(
    'an attempt the provider never received is closed; the buyer pays again with the next key and is charged once',
    async () => {
      network.down = true;
      const placed = await place(CARD_OK).finally(() => (network.down = false));
      const id = placed.checkout.id;
      assert.equal(placed.payment?.status, 'pending');
      assert.deepEqual(keysSentFor(id), []);
      assert.deepEqual(
        await reconcilePayments(app.souk),
        { settled: 0, unknown: 0 },
        'the lease still runs: the job leaves it alone',
      );
      await endLease(id);
      assert.deepEqual(await reconcilePayments(app.souk), { settled: 1, unknown: 0 });
      const closed = await view(buyer, id);
      assert.deepEqual([closed.checkout.status, closed.checkout.paymentPending], ['awaiting_payment', false]);
      assert.deepEqual(
        (await paymentsOf(id)).map((p) => [p.status, p.failure_code, p.settled_by]),
        [['retry', 'not_found', 'reconciler']],
      );
      await waitForMail(
        app,
        'salma@example.com',
        new RegExp(`^Order placed, awaiting payment: ${closed.orders[0]!.number}`),
      );

      const paid = await buyer.post(`/api/checkouts/${id}/pay`, { card: CARD_OK });
      assert.equal(paid.statusCode, 200, paid.body);
      assert.deepEqual(keysSentFor(id), [`${id}:2`]);
      assert.equal(chargesOf(id).length, 1);
      await waitForMail(app, 'salma@example.com', new RegExp(`^Payment received: ${closed.orders[0]!.number}`));
    },
  );

  await t.test(
    'repeating the checkout key places and charges nothing, confirms a lost answer, and does not spend the rate limit',
    async () => {
      const key = randomUUID();
      const placed = await place(CARD_LOST, key);
      const id = placed.checkout.id;
      const again = (body: Record<string, unknown> = { card: CARD_OK }) =>
        buyer.post('/api/checkout', { idempotencyKey: key, address: ADDRESS, expectedTotal: TOTAL, ...body });
      const during = await again();
      assert.equal(during.statusCode, 201, during.body);
      assert.deepEqual(
        [(during.json() as CheckoutAnswer).checkout.id, (during.json() as CheckoutAnswer).checkout.paymentPending],
        [id, true],
      );
      await endLease(id);
      const confirmed = (await again()).json() as CheckoutAnswer;
      assert.deepEqual(
        [confirmed.checkout.id, confirmed.checkout.status, confirmed.payment?.status],
        [id, 'paid', 'succeeded'],
      );
      for (let i = 0; i < 40; i++) {
        const res = await again(i % 2 === 0 ? { card: CARD_DECLINED } : { card: CARD_OK });
        assert.equal(res.statusCode, 201, `repeat ${i}: ${res.body}`);
        assert.equal((res.json() as CheckoutAnswer).checkout.id, id);
      }
      assert.equal(chargesOf(id).length, 1);
      assert.deepEqual(keysSentFor(id), [`${id}:1`]);
      assert.equal(
        await db
          .selectFrom('checkouts')
          .select('id')
          .where('idempotency_key', '=', key)
          .execute()
          .then((r) => r.length),
        1,
      );
      const userId = (
        await db.selectFrom('users').select('id').where('email', '=', 'salma@example.com').executeTakeFirstOrThrow()
      ).id;
      const counted = await db
        .selectFrom('rate_limits')
        .select('count')
        .where('key', '=', `checkout:user:${userId}`)
        .executeTakeFirstOrThrow();
      assert.equal(counted.count, 1, 'only the first request counted');
      const next = await place(CARD_OK);
      assert.equal(next.checkout.status, 'paid', 'a new checkout still goes through');
    },
  );

  await t.test('requests for one checkout at once, while its attempt is unknown, charge nothing more', async () => {
    const placed = await place(CARD_LOST);
    const id = placed.checkout.id;
    await endLease(id);
    const results = await Promise.all([
      buyer.post(`/api/checkouts/${id}/pay`, { card: CARD_OK }),
      buyer.post(`/api/checkouts/${id}/pay`, { card: CARD_OK }),
      buyer.post(`/api/checkouts/${id}/pay`, { card: CARD_DECLINED }),
    ]);
    for (const res of results) {
      assert.ok(
        res.statusCode === 200 ||
          (res.statusCode === 409 && ['ORDER_STATE', 'PAYMENT_PENDING'].includes(res.json().error.code)),
        res.body,
      );
    }
    assert.ok(
      results.some((r) => r.statusCode === 200),
      results.map((r) => r.body).join('\n'),
    );
    assert.equal((await view(buyer, id)).checkout.status, 'paid');
    assert.deepEqual(keysSentFor(id), [`${id}:1`]);
    assert.equal(chargesOf(id).length, 1);
    assert.deepEqual(
      (await paymentsOf(id)).map((p) => p.status),
      ['succeeded'],
    );
  });

  await t.test('two payments of one checkout at once: one charge, the other request is told so', async () => {
    const placed = await place(CARD_DECLINED);
    const id = placed.checkout.id;
    const results = await Promise.all([1, 2, 3].map(() => buyer.post(`/api/checkouts/${id}/pay`, { card: CARD_OK })));
    assert.deepEqual(
      results.map((r) => r.statusCode).filter((s) => s === 200),
      [200],
      results.map((r) => r.body).join('\n'),
    );
    for (const res of results.filter((r) => r.statusCode !== 200)) {
      assert.equal(res.statusCode, 409, res.body);
      assert.ok(['ORDER_STATE', 'PAYMENT_PENDING'].includes(res.json().error.code), res.body);
    }
    assert.equal(chargesOf(id).length, 1);
  });

  await t.test('the reconciliation job racing a live retry: one charge, one record, one receipt', async () => {
    for (let round = 0; round < 3; round++) {
      const placed = await place(CARD_LOST);
      const id = placed.checkout.id;
      await endLease(id);
      const [, res] = await Promise.all([
        reconcilePayments(app.souk),
        buyer.post(`/api/checkouts/${id}/pay`, { card: CARD_OK }),
      ]);
      assert.ok(
        res.statusCode === 200 || (res.statusCode === 409 && res.json().error.code === 'ORDER_STATE'),
        res.body,
      );
      const after = await view(buyer, id);
      assert.equal(after.checkout.status, 'paid');
      assert.equal(chargesOf(id).length, 1);
      assert.deepEqual(keysSentFor(id), [`${id}:1`]);
      assert.deepEqual(
        (await paymentsOf(id)).map((p) => p.status),
        ['succeeded'],
      );
      await waitForMail(app, 'salma@example.com', new RegExp(`^Order confirmed: ${after.orders[0]!.number}`));
      assert.deepEqual(
        await mailsAbout(app, 'salma@example.com', after.orders[0]!.number),
        ['Order confirmed'],
        `round ${round}`,
      );
    }
  });

  await t.test('a charge that answers after its attempt was found "not charged" is refunded at once', async () => {
    let release!: () => void;
    network.hold = new Promise((resolve) => (release = resolve));
    const placing = place(CARD_OK);
    let id: string | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      id = (await db.selectFrom('payments').select('checkout_id').where('status', '=', 'pending').executeTakeFirst())
        ?.checkout_id;
    }
    assert.ok(id, 'the attempt was written before the call');
    // The provider answers slower than the lease (a misconfigured PAYMENT_LEASE_SECONDS): the job finds nothing charged yet.
    await endLease(id);
    assert.deepEqual(await reconcilePayments(app.souk), { settled: 1, unknown: 0 });
    network.hold = null;
    release();
    const placed = await placing;
    assert.equal(placed.payment?.status, 'retry', 'the answer the request gives is the recorded one');
    assert.equal(placed.checkout.status, 'awaiting_payment');
    assert.equal(chargesOf(id).length, 1, 'the provider did charge');
    assert.equal(network.refunds.length, 1, 'and Souk gave it back');
    assert.deepEqual(
      (await paymentsOf(id)).map((p) => [p.status, p.amount_minor]),
      [
        ['retry', 2600],
        ['refunded', 2600],
      ],
    );
  });

  await t.test(
    'a payment being confirmed is shown, and refused with a stable code; other checkouts are untouched',
    async () => {
      const placed = await place(CARD_LOST);
      const id = placed.checkout.id;
      const shown = await view(buyer, id);
      assert.deepEqual(
        [shown.checkout.status, shown.checkout.paymentPending, shown.payment],
        ['awaiting_payment', true, null],
      );
      const other = await signUpAndSignIn(app, 'other-buyer@example.com');
      assert.equal((await other.post(`/api/checkouts/${id}/pay`, { card: CARD_OK })).statusCode, 404);
      assert.equal(
        (
          await other.post('/api/checkout', {
            idempotencyKey: randomUUID(),
            address: ADDRESS,
            card: CARD_OK,
            expectedTotal: TOTAL,
          })
        ).json().error.code,
        'CART_EMPTY',
      );
      const res = await buyer.post(`/api/checkouts/${id}/pay`, { paymentMethodId: randomUUID() });
      assert.equal(res.statusCode, 404, 'an unknown saved card is refused before anything else');
      assert.deepEqual(keysSentFor(id), [`${id}:1`]);
    },
  );
});
