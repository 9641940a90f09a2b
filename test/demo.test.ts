// The demo marketplace of a first `npm start`: demo accounts that can sign in, a store for the
// demo seller, and the demo buyer's orders made through the real checkout, one of them tracked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, createTestApp, signIn } from './helpers/app.ts';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from '../src/demo.ts';

test('demo marketplace', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  assert.equal(await seedDemoIfEmpty(app.souk, { products: 300, stores: 20 }), true);
  assert.equal(await seedDemoIfEmpty(app.souk, { products: 300, stores: 20 }), false, 'a second start seeds nothing');

  const buyer = await signIn(app, DEMO_ACCOUNTS.buyer.email, DEMO_ACCOUNTS.buyer.password);
  const orders = (await buyer.get('/api/orders')).json() as {
    items: Array<{ status: string; store: { name: string }; shipment: { trackingNumber: string } | null }>;
    total: number;
  };
  assert.equal(orders.total, 2, JSON.stringify(orders.items.map((o) => [o.status, o.store.name])));
  assert.deepEqual(orders.items.map((o) => o.status).sort(), ['paid', 'shipped']);
  assert.equal(orders.items.find((o) => o.status === 'shipped')!.store.name, 'Souk Demo Store');
  assert.equal(
    ((await buyer.get('/api/payment-methods')).json() as { paymentMethods: unknown[] }).paymentMethods.length,
    1,
  );

  const tracking = await new Client(app).get('/api/track/SOUK-DEMO-0001');
  assert.equal(tracking.statusCode, 200);
  assert.equal(tracking.json().status, 'in_transit');

  const seller = await signIn(app, DEMO_ACCOUNTS.seller.email, DEMO_ACCOUNTS.seller.password);
  const sales = (await seller.get('/api/seller/orders')).json() as { total: number };
  assert.equal(sales.total, 1);
});
