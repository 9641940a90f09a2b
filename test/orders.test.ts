// Checkout, payment, orders, seller fulfilment and public tracking through the HTTP API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Client, createTestApp, forgetRateLimits, mailsTo, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { createFixtureProduct, createFixtureStore } from './helpers/catalog.ts';
import { seedCatalog } from '../src/modules/catalog/seed.ts';
import { expireUnpaidCheckouts } from '../src/modules/orders/checkout.ts';

type Money = { amount: number; currency: string };
type Order = {
  id: string;
  number: string;
  checkoutId: string;
  status: string;
  store: { id: string; name: string };
  items: Array<{
    productId: string | null;
    title: string;
    quantity: number;
    unitPrice: Money;
    listPrice: Money | null;
    lineTotal: Money;
  }>;
  itemsTotal: Money;
  discount: Money;
  shipping: Money;
  total: Money;
  shipTo: { fullName: string; line1: string; city: string; country: string; phone: string | null };
  shipment: {
    trackingNumber: string;
    carrier: string;
    status: string;
    events: Array<{ status: string; at: string }>;
  } | null;
  canCancel: boolean;
  cancelledBy: string | null;
};
type CheckoutAnswer = {
  checkout: { id: string; status: string; total: Money; paymentAttempts: number; payBefore: string | null };
  orders: Order[];
  payment: { status: string; error: { code: string } | null } | null;
};
type Quote = {
  country: string;
  groups: Array<{
    store: { name: string };
    itemsTotal: Money;
    discount: Money;
    shipping: Money | null;
    total: Money;
    delivery: { minDays: number; maxDays: number } | null;
  }>;
  total: Money | null;
  problems: Array<{ code: string }>;
  canPlace: boolean;
};

const CARD_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
const CARD_DECLINED = { number: '4000000000000002', expMonth: 12, expYear: 2035, cvc: '123' };
const CARD_RETRY = { number: '4000000000000119', expMonth: 12, expYear: 2035, cvc: '123' };
const ADDRESS = {
  fullName: 'Amina Berrada',
  line1: '12 Rue des Teinturiers',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
  phone: '+33 6 12 34 56 78',
};

test('checkout, orders, fulfilment and tracking', async (t) => {
  const { app, close } = await createTestApp({}, { rateLimits: true });
  t.after(close);
  const db = app.souk.db;
  await seedCatalog(db, { products: 0, stores: 0 });

  const sellerA = await signUpAndSignIn(app, 'seller-a@example.com', undefined, 'Seller A');
  const sellerB = await signUpAndSignIn(app, 'seller-b@example.com', undefined, 'Seller B');
  const buyer = await signUpAndSignIn(app, 'buyer@example.com', undefined, 'Amina');
  const other = await signUpAndSignIn(app, 'other@example.com', undefined, 'Other Buyer');
  const idOf = async (email: string) =>
    (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  const storeA = await createFixtureStore(db, 'Atlas Lamps', [
    { country: 'FR', cost_minor: 700, min_days: 3, max_days: 6 },
    { country: 'DE', cost_minor: 900, min_days: 4, max_days: 8 },
  ]);
  const storeB = await createFixtureStore(db, 'Berber Rugs', [
    { country: 'FR', cost_minor: 0, min_days: 2, max_days: 4 },
  ]);
  await db
    .updateTable('stores')
    .set({ owner_user_id: await idOf('seller-a@example.com') })
    .where('id', '=', storeA.storeId)
    .execute();
  await db
    .updateTable('stores')
    .set({ owner_user_id: await idOf('seller-b@example.com') })
    .where('id', '=', storeB.storeId)
    .execute();
  const lamp = await createFixtureProduct(db, storeA, { title: 'Brass Lamp', price: 4500, stock: 10 });
  const rug = await createFixtureProduct(db, storeB, { title: 'Wool Rug', price: 12000, stock: 10 });
  await db
    .updateTable('products')
    .set({ offer_price_minor: 9000, offer_ends_at: new Date(Date.now() + 86400_000), current_price_minor: 9000 })
    .where('id', '=', rug)
    .execute();

  const stockOf = async (id: string) =>
    (await db.selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;
  const count = async (table: 'orders' | 'checkouts' | 'payments' | 'addresses' | 'payment_methods' | 'shipments') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () => ({
    orders: await count('orders'),
    checkouts: await count('checkouts'),
    payments: await count('payments'),
    addresses: await count('addresses'),
    cards: await count('payment_methods'),
    lamp: await stockOf(lamp),
    rug: await stockOf(rug),
    cart: (await buyer.get('/api/cart')).json(),
  });
  const place = (client: Client, total: Money, extra: Record<string, unknown> = {}) =>
    client.post('/api/checkout', {
      idempotencyKey: randomUUID(),
      address: ADDRESS,
      card: CARD_OK,
      expectedTotal: total,
      ...extra,
    });

  await t.test('the checkout preview shows one group per seller with discount, shipping and total', async () => {
    assert.equal((await buyer.get('/api/checkout?country=FR')).json().problems[0].code, 'CART_EMPTY');
    await buyer.post('/api/cart/lines', { productId: lamp, quantity: 2 });
    await buyer.post('/api/cart/lines', { productId: rug, quantity: 1 });
    const quote = (await buyer.get('/api/checkout?country=FR')).json() as Quote;
    assert.equal(quote.canPlace, true);
    assert.deepEqual(
      quote.groups.map((g) => [
        g.store.name,
        g.itemsTotal.amount,
        g.discount.amount,
        g.shipping?.amount,
        g.total.amount,
      ]),
      [
        ['Atlas Lamps', 9000, 0, 700, 9700],
        ['Berber Rugs', 12000, 3000, 0, 9000],
      ],
    );
    assert.deepEqual(quote.total, { amount: 18700, currency: 'USD' });
    const germany = (await buyer.get('/api/checkout?country=DE')).json() as Quote;
    assert.equal(germany.canPlace, false);
    assert.deepEqual(
      germany.problems.map((p) => p.code),
      ['NOT_SHIPPABLE'],
    );
    assert.equal(germany.groups[1]!.shipping, null);
    assert.equal((await buyer.get('/api/checkout?country=fr')).statusCode, 400);
    assert.equal((await buyer.get(`/api/checkout?addressId=${randomUUID()}`)).statusCode, 404);
    assert.equal((await new Client(app).get('/api/checkout?country=FR')).statusCode, 401);
  });

  await t.test('refused checkouts answer 4xx with a stable code and change nothing', async () => {
    const before = await snapshot();
    const total = { amount: 18700, currency: 'USD' };
    const cases: Array<[string, () => ReturnType<Client['post']>, number, string]> = [
      ['price changed', () => place(buyer, { amount: 18000, currency: 'USD' }), 409, 'TOTAL_CHANGED'],
      [
        'not shipped there',
        () => place(buyer, total, { address: { ...ADDRESS, country: 'DE' } }),
        409,
        'NOT_SHIPPABLE',
      ],
      [
        'not a test card',
        () => place(buyer, total, { card: { ...CARD_OK, number: '4111 1111 1111 1111' } }),
        400,
        'CARD_INVALID',
      ],
      [
        'luhn fails',
        () => place(buyer, total, { card: { ...CARD_OK, number: '4242424242424241' } }),
        400,
        'CARD_INVALID',
      ],
      ['expired', () => place(buyer, total, { card: { ...CARD_OK, expYear: 2020 } }), 400, 'CARD_EXPIRED'],
      ['both address kinds', () => place(buyer, total, { addressId: randomUUID() }), 400, 'VALIDATION_FAILED'],
      [
        'no address',
        () => buyer.post('/api/checkout', { idempotencyKey: randomUUID(), card: CARD_OK, expectedTotal: total }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'no payment',
        () => buyer.post('/api/checkout', { idempotencyKey: randomUUID(), address: ADDRESS, expectedTotal: total }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'unknown saved card',
        () => place(buyer, total, { card: undefined, paymentMethodId: randomUUID() }),
        404,
        'NOT_FOUND',
      ],
      ['unknown field', () => place(buyer, total, { coupon: 'FREE' }), 400, 'VALIDATION_FAILED'],
      [
        'card field unknown',
        () => place(buyer, total, { card: { ...CARD_OK, pin: '1234' } }),
        400,
        'VALIDATION_FAILED',
      ],
      ['bad key', () => place(buyer, total, { idempotencyKey: 'again' }), 400, 'VALIDATION_FAILED'],
      [
        'total as string',
        () => place(buyer, { amount: '18700', currency: 'USD' } as unknown as Money),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'long name',
        () => place(buyer, total, { address: { ...ADDRESS, fullName: 'x'.repeat(500) } }),
        400,
        'VALIDATION_FAILED',
      ],
      ['signed out', () => place(new Client(app), total), 401, 'UNAUTHENTICATED'],
      [
        'other origin',
        () =>
          buyer.post(
            '/api/checkout',
            { idempotencyKey: randomUUID(), address: ADDRESS, card: CARD_OK, expectedTotal: total },
            { origin: 'https://evil.example' },
          ),
        403,
        'CSRF_REJECTED',
      ],
    ];
    for (const [name, run, status, code] of cases) {
      const res = await run();
      assert.equal(res.statusCode, status, `${name}: ${res.body}`);
      assert.equal(res.json().error.code, code, name);
    }
    assert.deepEqual(await snapshot(), before);
  });

  let orders: Order[] = [];
  await t.test(
    'placing pays with a new card, makes one order per seller, reserves stock and empties the cart',
    async () => {
      const key = randomUUID();
      const res = await buyer.post('/api/checkout', {
        idempotencyKey: key,
        address: { ...ADDRESS, save: true },
        card: { ...CARD_OK, save: true },
        expectedTotal: { amount: 18700, currency: 'USD' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const answer = res.json() as CheckoutAnswer;
      assert.equal(answer.checkout.status, 'paid');
      assert.deepEqual(answer.payment, { status: 'succeeded', error: null });
      orders = answer.orders;
      assert.deepEqual(orders.map((o) => [o.store.name, o.status, o.total.amount]).sort(), [
        ['Atlas Lamps', 'paid', 9700],
        ['Berber Rugs', 'paid', 9000],
      ]);
      const rugOrder = orders.find((o) => o.store.name === 'Berber Rugs')!;
      assert.deepEqual(rugOrder.items[0]!.unitPrice, { amount: 9000, currency: 'USD' });
      assert.deepEqual(rugOrder.items[0]!.listPrice, { amount: 12000, currency: 'USD' });
      assert.equal(rugOrder.shipTo.fullName, 'Amina Berrada');
      assert.match(rugOrder.number, /^SK-[0-9A-Z]{8}$/);
      assert.equal(await stockOf(lamp), 8);
      assert.equal(await stockOf(rug), 9);
      assert.deepEqual(((await buyer.get('/api/cart')).json() as { lines: unknown[] }).lines, []);
      const cards = await db.selectFrom('payment_methods').select(['brand', 'last4', 'provider_token']).execute();
      assert.deepEqual(
        cards.map((c) => [c.brand, c.last4]),
        [['visa', '4242']],
      );
      assert.ok(!JSON.stringify(cards).includes('4242424242424242'), 'the full number is never stored');
      assert.equal(await count('addresses'), 1);

      const again = await buyer.post('/api/checkout', {
        idempotencyKey: key,
        address: ADDRESS,
        card: CARD_OK,
        expectedTotal: { amount: 18700, currency: 'USD' },
      });
      assert.equal(again.statusCode, 201);
      assert.equal(
        (again.json() as CheckoutAnswer).checkout.id,
        answer.checkout.id,
        'the same key answers the same checkout',
      );
      assert.equal(await count('orders'), 2);
      assert.equal(await count('payments'), 1, 'and charges nothing again');

      const receipt = await waitForMail(app, 'buyer@example.com', /^Order confirmed/);
      for (const o of orders) assert.ok(receipt.text.includes(o.number));
      await waitForMail(app, 'seller-a@example.com', /^New paid order/);
      await waitForMail(app, 'seller-b@example.com', /^New paid order/);
    },
  );

  await t.test('a buyer sees only their own orders; anything else is 404', async () => {
    const list = (await buyer.get('/api/orders')).json() as { items: Order[]; total: number };
    assert.equal(list.total, 2);
    assert.equal((await buyer.get(`/api/orders/${orders[0]!.id}`)).statusCode, 200);
    assert.equal((await other.get(`/api/orders/${orders[0]!.id}`)).statusCode, 404);
    assert.equal((await other.post(`/api/orders/${orders[0]!.id}/cancel`)).statusCode, 404);
    assert.equal((await other.get(`/api/checkouts/${orders[0]!.checkoutId}`)).statusCode, 404);
    assert.deepEqual((await other.get('/api/orders')).json(), { items: [], total: 0, page: 1, pageSize: 20 });
    assert.equal((await buyer.get('/api/orders/not-a-uuid')).statusCode, 400);
    assert.equal((await buyer.get('/api/orders?status=lost')).statusCode, 400);
    assert.equal((await new Client(app).get('/api/orders')).statusCode, 401);
  });

  await t.test('a seller sees and ships only their own store’s orders', async () => {
    const lampOrder = orders.find((o) => o.store.name === 'Atlas Lamps')!;
    const rugOrder = orders.find((o) => o.store.name === 'Berber Rugs')!;
    const listA = (await sellerA.get('/api/seller/orders?status=paid')).json() as { items: Order[] };
    assert.deepEqual(
      listA.items.map((o) => o.id),
      [lampOrder.id],
    );
    assert.equal(listA.items[0]!.shipTo.line1, '12 Rue des Teinturiers', 'the seller sees where to ship');
    assert.equal((await sellerA.get(`/api/seller/orders/${rugOrder.id}`)).statusCode, 404);
    assert.equal(
      (
        await sellerA.post(`/api/seller/orders/${rugOrder.id}/ship`, {
          carrier: 'Colissimo',
          trackingNumber: 'CP123456789FR',
        })
      ).statusCode,
      404,
    );
    const noStore = await buyer.get('/api/seller/orders');
    assert.equal(noStore.statusCode, 403);
    assert.equal(noStore.json().error.code, 'NO_STORE');

    const bad: Array<[Record<string, unknown>, number]> = [
      [{ carrier: 'Colissimo' }, 400],
      [{ carrier: '', trackingNumber: 'CP123456789FR' }, 400],
      [{ carrier: 'Colissimo', trackingNumber: 'CP<script>' }, 400],
      [{ carrier: 'Colissimo', trackingNumber: 'CP1' }, 400],
      [{ carrier: 'Colissimo', trackingNumber: 'CP123456789FR', note: 'x' }, 400],
    ];
    for (const [body, status] of bad)
      assert.equal(
        (await sellerA.post(`/api/seller/orders/${lampOrder.id}/ship`, body)).statusCode,
        status,
        JSON.stringify(body),
      );
    assert.equal(
      (await sellerA.post(`/api/seller/orders/${lampOrder.id}/tracking`, { status: 'in_transit' })).json().error.code,
      'ORDER_STATE',
      'not shipped yet',
    );

    const shipped = await sellerA.post(`/api/seller/orders/${lampOrder.id}/ship`, {
      carrier: 'Colissimo',
      trackingNumber: 'cp 1234 5678 9fr',
    });
    assert.equal(shipped.statusCode, 200, shipped.body);
    assert.equal(shipped.json().status, 'shipped');
    assert.equal(shipped.json().shipment.trackingNumber, 'CP123456789FR');
    assert.equal(
      (
        await sellerA.post(`/api/seller/orders/${lampOrder.id}/ship`, { carrier: 'DHL', trackingNumber: 'DHL0000001' })
      ).json().error.code,
      'ORDER_STATE',
    );
    const taken = await sellerB.post(`/api/seller/orders/${rugOrder.id}/ship`, {
      carrier: 'DHL',
      trackingNumber: 'CP123456789FR',
    });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'TRACKING_NUMBER_TAKEN');
    assert.equal(
      (await sellerB.get(`/api/seller/orders/${rugOrder.id}`)).json().status,
      'paid',
      'a refused shipment changes nothing',
    );

    const mail = await waitForMail(app, 'buyer@example.com', /has shipped/);
    assert.ok(mail.text.includes('CP123456789FR'));
    assert.ok(mail.text.includes('http://souk.test/track/CP123456789FR'));
    assert.equal(
      (await buyer.post(`/api/orders/${lampOrder.id}/cancel`)).json().error.code,
      'ORDER_STATE',
      'shipped orders cannot be cancelled',
    );
  });

  await t.test('anyone can follow a parcel by its number, and the answer names no person', async () => {
    const guest = new Client(app);
    const res = await guest.get('/api/track/CP123456789FR');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'shipped');
    assert.equal(body.carrier, 'Colissimo');
    assert.equal(body.destinationCountry, 'FR');
    assert.deepEqual(
      body.events.map((e: { status: string }) => e.status),
      ['shipped'],
    );
    assert.ok(body.estimatedDelivery.from <= body.estimatedDelivery.to);
    for (const personal of ['Amina', 'Berrada', 'Teinturiers', 'Lyon', '69001', '+33', 'buyer@example.com', 'Atlas'])
      assert.ok(!res.body.includes(personal), personal);
    assert.equal((await guest.get('/api/track/cp123456789fr')).statusCode, 200, 'case does not matter');
    const unknown = await guest.get('/api/track/CP000000000FR');
    assert.equal(unknown.statusCode, 404);
    assert.deepEqual(
      unknown.json(),
      (await guest.get('/api/nothing-here')).json(),
      'an unknown number looks like any unknown thing',
    );
    assert.equal((await guest.get('/api/track/%3Cscript%3E')).statusCode, 400);
  });

  await t.test('tracking events move forward only; delivered completes the order and tells the buyer', async () => {
    const lampOrder = orders.find((o) => o.store.name === 'Atlas Lamps')!;
    assert.equal(
      (await sellerA.post(`/api/seller/orders/${lampOrder.id}/tracking`, { status: 'in_transit' })).statusCode,
      200,
    );
    assert.equal(
      (await sellerA.post(`/api/seller/orders/${lampOrder.id}/tracking`, { status: 'in_transit' })).json().error.code,
      'ORDER_STATE',
    );
    assert.equal(
      (await sellerA.post(`/api/seller/orders/${lampOrder.id}/tracking`, { status: 'lost' })).statusCode,
      400,
    );
    assert.equal(
      (await sellerA.post(`/api/seller/orders/${lampOrder.id}/tracking`, { status: 'out_for_delivery' })).statusCode,
      200,
    );
    const delivered = await sellerA.post(`/api/seller/orders/${lampOrder.id}/tracking`, { status: 'delivered' });
    assert.equal(delivered.json().status, 'delivered');
    assert.deepEqual(
      (await new Client(app).get('/api/track/CP123456789FR')).json().events.map((e: { status: string }) => e.status),
      ['shipped', 'in_transit', 'out_for_delivery', 'delivered'],
    );
    await waitForMail(app, 'buyer@example.com', /was delivered/);
    assert.equal((await buyer.get(`/api/orders/${lampOrder.id}`)).json().status, 'delivered');
  });

  await t.test('a buyer cancels a paid order before shipping: refund, stock back, receipt', async () => {
    const rugOrder = orders.find((o) => o.store.name === 'Berber Rugs')!;
    const res = await buyer.post(`/api/orders/${rugOrder.id}/cancel`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'cancelled');
    assert.equal(res.json().cancelledBy, 'buyer');
    assert.equal(await stockOf(rug), 10);
    const refunds = await db
      .selectFrom('payments')
      .select(['amount_minor', 'status'])
      .where('status', '=', 'refunded')
      .execute();
    assert.deepEqual(refunds, [{ amount_minor: 9000, status: 'refunded' }]);
    const mail = await waitForMail(app, 'buyer@example.com', /was cancelled/);
    assert.match(mail.text, /\$90\.00 will be refunded/);
    assert.equal((await buyer.post(`/api/orders/${rugOrder.id}/cancel`)).json().error.code, 'ORDER_STATE');
  });

  await t.test(
    'a declined card leaves the orders awaiting payment; paying again with a good card completes them',
    async () => {
      await buyer.post('/api/cart/lines', { productId: lamp, quantity: 1 });
      const res = await place(buyer, { amount: 5200, currency: 'USD' }, { card: CARD_DECLINED });
      assert.equal(res.statusCode, 201, res.body);
      const answer = res.json() as CheckoutAnswer;
      assert.equal(answer.checkout.status, 'awaiting_payment');
      assert.deepEqual(answer.payment, {
        status: 'declined',
        error: { code: 'CARD_DECLINED', message: 'The card was declined. Use another card.' },
      });
      assert.ok(answer.checkout.payBefore);
      assert.equal(answer.orders[0]!.status, 'awaiting_payment');
      assert.equal(await stockOf(lamp), 7, 'the stock stays reserved while the buyer pays');
      await waitForMail(app, 'buyer@example.com', /awaiting payment/);

      const declinedAgain = await buyer.post(`/api/checkouts/${answer.checkout.id}/pay`, { card: CARD_DECLINED });
      assert.equal(declinedAgain.statusCode, 402);
      assert.equal(declinedAgain.json().error.code, 'CARD_DECLINED');
      assert.equal((await other.post(`/api/checkouts/${answer.checkout.id}/pay`, { card: CARD_OK })).statusCode, 404);
      const saved = (await db.selectFrom('payment_methods').select('id').executeTakeFirstOrThrow()).id;
      assert.equal(
        (await other.post(`/api/checkouts/${answer.checkout.id}/pay`, { paymentMethodId: saved })).statusCode,
        404,
      );
      const paid = await buyer.post(`/api/checkouts/${answer.checkout.id}/pay`, { paymentMethodId: saved });
      assert.equal(paid.statusCode, 200, paid.body);
      assert.equal((paid.json() as CheckoutAnswer).checkout.status, 'paid');
      assert.equal((paid.json() as CheckoutAnswer).checkout.paymentAttempts, 3);
      assert.equal(
        (await buyer.post(`/api/checkouts/${answer.checkout.id}/pay`, { paymentMethodId: saved })).json().error.code,
        'ORDER_STATE',
      );
      await waitForMail(app, 'buyer@example.com', /^Payment received/);
    },
  );

  await t.test('the "retry" test card fails once with a passing error, then succeeds', async () => {
    await buyer.post('/api/cart/lines', { productId: lamp, quantity: 1 });
    const answer = (
      await place(buyer, { amount: 5200, currency: 'USD' }, { card: CARD_RETRY })
    ).json() as CheckoutAnswer;
    assert.equal(answer.payment?.status, 'retry');
    assert.equal(answer.payment?.error?.code, 'PAYMENT_RETRY');
    const retried = await buyer.post(`/api/checkouts/${answer.checkout.id}/pay`, { card: CARD_RETRY });
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal((retried.json() as CheckoutAnswer).checkout.status, 'paid');
  });

  await t.test('a checkout left unpaid for 30 minutes is cancelled and its stock released', async () => {
    await buyer.post('/api/cart/lines', { productId: lamp, quantity: 2 });
    const before = await stockOf(lamp);
    const answer = (
      await place(buyer, { amount: 9700, currency: 'USD' }, { card: CARD_DECLINED })
    ).json() as CheckoutAnswer;
    assert.equal(await stockOf(lamp), before - 2);
    assert.equal(await expireUnpaidCheckouts(app.souk), 0, 'not yet');
    await db
      .updateTable('checkouts')
      .set({ created_at: sql<Date>`now() - interval '31 minutes'` } as never)
      .where('id', '=', answer.checkout.id)
      .execute();
    assert.equal(await expireUnpaidCheckouts(app.souk), 1);
    const after = (await buyer.get(`/api/checkouts/${answer.checkout.id}`)).json() as CheckoutAnswer;
    assert.equal(after.checkout.status, 'cancelled');
    assert.equal(after.orders[0]!.cancelledBy, 'system');
    assert.equal(await stockOf(lamp), before);
    assert.equal(
      (await buyer.post(`/api/checkouts/${answer.checkout.id}/pay`, { card: CARD_OK })).json().error.code,
      'ORDER_STATE',
    );
  });

  await t.test('the last item sells once when buyers check out at the same time', async () => {
    await forgetRateLimits(app);
    const vase = await createFixtureProduct(db, storeB, { title: 'Last Vase', price: 2500, stock: 2 });
    const buyers = [
      buyer,
      other,
      ...(await Promise.all([1, 2, 3].map((i) => signUpAndSignIn(app, `rush-${i}@example.com`)))),
    ];
    for (const b of buyers) {
      await b.delete('/api/cart');
      assert.equal((await b.post('/api/cart/lines', { productId: vase, quantity: 1 })).statusCode, 200);
    }
    const results = await Promise.all(buyers.map((b) => place(b, { amount: 2500, currency: 'USD' })));
    const statuses = results.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [201, 201, 409, 409, 409], results.map((r) => r.body).join('\n'));
    for (const r of results) if (r.statusCode === 409) assert.equal(r.json().error.code, 'OUT_OF_STOCK');
    assert.equal(await stockOf(vase), 0);
    const sold = await db
      .selectFrom('order_items')
      .select((eb) => eb.fn.sum<number>('quantity').as('n'))
      .where('product_id', '=', vase)
      .executeTakeFirstOrThrow();
    assert.equal(Number(sold.n), 2);
  });

  await t.test('shipping mails respect the buyer’s switch; receipts always go', async () => {
    await forgetRateLimits(app);
    assert.equal(
      (await other.put('/api/account/notifications', { preferences: { order_updates: false } })).statusCode,
      200,
    );
    await other.delete('/api/cart');
    await other.post('/api/cart/lines', { productId: lamp, quantity: 1 });
    const answer = (await place(other, { amount: 5200, currency: 'USD' })).json() as CheckoutAnswer;
    await waitForMail(app, 'other@example.com', /^Order confirmed/);
    assert.equal(
      (
        await sellerA.post(`/api/seller/orders/${answer.orders[0]!.id}/ship`, {
          carrier: 'DHL',
          trackingNumber: 'JD0000000001',
        })
      ).statusCode,
      200,
    );
    await sellerA.post(`/api/seller/orders/${answer.orders[0]!.id}/tracking`, { status: 'delivered' });
    await new Promise((r) => setTimeout(r, 300));
    const subjects = (await mailsTo(app, 'other@example.com')).map((m) => m.subject);
    assert.ok(!subjects.some((s) => /shipped|delivered/.test(s)), subjects.join(', '));
  });

  await t.test(
    'a cart worth more than an order can hold is refused with ORDER_TOO_LARGE before anything is written',
    async () => {
      await forgetRateLimits(app);
      // Each value within its schema (a price of 10,000,000.00, 99 of each), together past what the
      // order's integer amounts hold: the database refused it as a 500 before.
      const dear = await Promise.all(
        ['Gold Lamp', 'Gold Rug', 'Gold Vase'].map((title) =>
          createFixtureProduct(db, storeA, { title, price: 1_000_000_000, stock: 1000 }),
        ),
      );
      await other.delete('/api/cart');
      for (const productId of dear)
        assert.equal((await other.post('/api/cart/lines', { productId, quantity: 99 })).statusCode, 200);
      const quote = (await other.get('/api/checkout?country=FR')).json() as Quote & {
        problems: Array<{ code: string; message: string }>;
      };
      assert.equal(quote.canPlace, false);
      assert.deepEqual(
        quote.problems.map((p) => p.code),
        ['ORDER_TOO_LARGE'],
      );
      const before = {
        orders: await count('orders'),
        checkouts: await count('checkouts'),
        payments: await count('payments'),
        stock: await Promise.all(dear.map(stockOf)),
      };
      // The total it shows cannot even be sent back (expectedTotal is bounded likewise); any other
      // total is refused for the order's size before it is compared.
      const echoed = await place(other, { amount: quote.total!.amount, currency: 'USD' });
      assert.equal(echoed.statusCode, 400, echoed.body);
      assert.deepEqual(
        echoed.json().error.details.map((d: { field: string }) => d.field),
        ['expectedTotal.amount'],
      );
      const res = await place(other, { amount: 2_147_483_647, currency: 'USD' });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().error.code, 'ORDER_TOO_LARGE');
      assert.deepEqual(
        {
          orders: await count('orders'),
          checkouts: await count('checkouts'),
          payments: await count('payments'),
          stock: await Promise.all(dear.map(stockOf)),
        },
        before,
      );
      // Fewer of them fit.
      assert.equal((await other.put(`/api/cart/lines/${dear[0]}`, { quantity: 1 })).statusCode, 200);
      await other.delete(`/api/cart/lines/${dear[1]}`);
      await other.delete(`/api/cart/lines/${dear[2]}`);
      assert.equal(((await other.get('/api/checkout?country=FR')).json() as Quote).canPlace, true);
      await other.delete('/api/cart');
    },
  );

  await t.test('tracking is rate limited per client', async () => {
    await forgetRateLimits(app);
    const guest = new Client(app);
    let last = 0;
    for (let i = 0; i < 61; i++) last = (await guest.get('/api/track/CP123456789FR')).statusCode;
    assert.equal(last, 429);
  });
});
