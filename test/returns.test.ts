// Returns and refunds through the HTTP API (issue 19): each path a return can take, the refund's
// provider failure and retry, the deadline's escalation, the deletion blocker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { type Client, createTestApp, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { CARD_OK, CARD_REFUND_RETRY, openLampShop } from './helpers/returns.ts';
import { assertBlockerWordedAsServer } from './helpers/blocker-wording.ts';
import { escalateOverdueReturns, processDueRefunds } from '../src/modules/returns/index.ts';

test('returns and refunds', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  const { seller, buyer, deliveredOrder: deliver, refundedOf } = await openLampShop(app);
  const other = await signUpAndSignIn(app, 'other@example.com', undefined, 'Other');
  /** A delivered order of `quantity` lamps (two unless said). */
  const deliveredOrder = (quantity = 2, card = CARD_OK) => deliver(quantity, card);
  const ask = (client: Client, orderId: string, quantity = 1) =>
    client.post(`/api/orders/${orderId}/returns`, {
      items: [{ position: 0, quantity }],
      reason: 'damaged',
      comment: 'The shade is cracked.',
    });

  await t.test('accept, refund only: the buyer is refunded once and both sides are told', async () => {
    const orderId = await deliveredOrder();
    const before = await buyer.get(`/api/orders/${orderId}/returns`);
    assert.equal(before.json().canRequest, true);
    assert.equal(before.json().returnable[0].quantity, 2);
    assert.equal((await ask(other, orderId)).statusCode, 404);
    const asked = await ask(buyer, orderId);
    assert.equal(asked.statusCode, 201, asked.body);
    const ret = asked.json();
    assert.equal(ret.status, 'requested');
    assert.deepEqual(ret.requested, { amount: 4000, currency: 'USD' });
    assert.equal((await ask(buyer, orderId)).json().error.code, 'RETURN_OPEN');
    await waitForMail(app, 'seller@example.com', /^Return requested/);
    assert.equal((await seller.post(`/api/seller/returns/${ret.id}/accept`, { mode: 'refund' })).statusCode, 200);
    const after = (await buyer.get(`/api/orders/${orderId}/returns`)).json();
    assert.equal(after.returns[0].status, 'refunded');
    assert.equal(after.returns[0].refund.status, 'succeeded');
    assert.deepEqual(
      after.returns[0].events.map((e: { kind: string }) => e.kind),
      ['requested', 'accepted_refund', 'refunded'],
    );
    assert.equal(await refundedOf(orderId), 4000);
    // The seller's accounting export carries the refund on the order's lines.
    const { number } = await db
      .selectFrom('orders')
      .select('number')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    const today = new Date().toISOString().slice(0, 10);
    const csv = await seller.get(`/api/seller/orders.csv?from=${today}&to=${today}`);
    assert.equal(csv.statusCode, 200, csv.body);
    const [header, ...rows] = csv.body
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const refundedColumn = header!.indexOf('refunded_minor');
    const ofOrder = rows.filter((cells) => cells[0] === number);
    assert.ok(ofOrder.length > 0, 'the order is in the export');
    assert.deepEqual(
      ofOrder.map((cells) => cells[refundedColumn]),
      ofOrder.map(() => '4000'),
    );
    await waitForMail(app, 'buyer@example.com', /^Refund sent/);
    // Accepting again changes nothing and refunds nothing.
    assert.equal(
      (await seller.post(`/api/seller/returns/${ret.id}/accept`, { mode: 'refund' })).json().error.code,
      'RETURN_STATE',
    );
    assert.equal(await refundedOf(orderId), 4000);
    // The other lamp can still be returned; the refunded one cannot.
    assert.equal((await ask(buyer, orderId, 2)).json().error.code, 'VALIDATION_FAILED');
  });

  await t.test('accept with a return parcel: tracked publicly, refunded when received', async () => {
    const orderId = await deliveredOrder();
    const ret = (await ask(buyer, orderId, 2)).json();
    assert.equal(
      (await seller.post(`/api/seller/returns/${ret.id}/accept`, { mode: 'return' })).json().error.code,
      'VALIDATION_FAILED',
    );
    const accepted = await seller.post(`/api/seller/returns/${ret.id}/accept`, {
      mode: 'return',
      carrier: 'Colissimo',
      trackingNumber: 'ret 123456',
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().status, 'awaiting_return');
    const tracked = await app.inject({ method: 'GET', url: '/api/track-returns/RET123456' });
    assert.equal(tracked.json().status, 'on_its_way_back');
    assert.ok(!tracked.body.includes('Amina'));
    assert.equal(await refundedOf(orderId), 0);
    assert.equal((await seller.post(`/api/seller/returns/${ret.id}/received`)).json().status, 'refunded');
    assert.equal((await app.inject({ method: 'GET', url: '/api/track-returns/RET123456' })).json().status, 'received');
    assert.equal(await refundedOf(orderId), 8000);
  });

  await t.test('partial offer: the buyer accepts and gets the offered amount', async () => {
    const orderId = await deliveredOrder();
    const ret = (await ask(buyer, orderId)).json();
    assert.equal(
      (await seller.post(`/api/seller/returns/${ret.id}/offer`, { amount: 4000 })).json().error.code,
      'VALIDATION_FAILED',
    );
    assert.equal(
      (await seller.post(`/api/seller/returns/${ret.id}/offer`, { amount: 1500 })).json().status,
      'partial_offered',
    );
    await waitForMail(app, 'buyer@example.com', /^Partial refund offered/);
    assert.equal((await other.post(`/api/returns/${ret.id}/accept-offer`)).statusCode, 404);
    assert.equal((await buyer.post(`/api/returns/${ret.id}/accept-offer`)).json().status, 'refunded');
    assert.equal(await refundedOf(orderId), 1500);
  });

  await t.test('refuse, then the buyer escalates: a dispute is open with a due date, nothing refunded', async () => {
    const orderId = await deliveredOrder();
    const ret = (await ask(buyer, orderId)).json();
    const refused = await seller.post(`/api/seller/returns/${ret.id}/refuse`, { reason: 'Worked when shipped.' });
    assert.equal(refused.json().status, 'refused');
    await waitForMail(app, 'buyer@example.com', /^Return refused/);
    const escalated = (await buyer.post(`/api/returns/${ret.id}/escalate`, { statement: 'It arrived broken.' })).json();
    assert.equal(escalated.status, 'escalated');
    assert.equal(escalated.dispute.status, 'open');
    assert.equal(escalated.dispute.openedBy, 'buyer');
    assert.ok(new Date(escalated.dispute.dueAt).getTime() > Date.now() + 6 * 86_400_000);
    assert.equal(await refundedOf(orderId), 0);
    // An open dispute blocks the buyer's and the seller's account deletion, saying how to clear it.
    const preview = (await buyer.get('/api/account/deletion')).json();
    const blocker = preview.blockers.find((b: { kind: string }) => b.kind === 'return');
    assert.ok(blocker, JSON.stringify(preview.blockers));
    assert.match(blocker.howToClear, /decision/);
    assert.equal(blocker.code, 'return_escalated');
    assertBlockerWordedAsServer(blocker);
  });

  await t.test(
    'provider failure: the refund fails, shows as failed, and the job retries it under a new key',
    async () => {
      const orderId = await deliveredOrder(1, CARD_REFUND_RETRY);
      const ret = (await ask(buyer, orderId)).json();
      const accepted = (await seller.post(`/api/seller/returns/${ret.id}/accept`, { mode: 'refund' })).json();
      assert.equal(accepted.status, 'refunding');
      assert.equal(accepted.refund.status, 'failed');
      assert.equal(accepted.refund.failureCode, 'processing_error');
      assert.equal(await refundedOf(orderId), 0);
      await db
        .updateTable('refunds')
        .set({ next_attempt_at: sql<Date>`now()` })
        .where('return_id', '=', ret.id)
        .execute();
      await processDueRefunds(app.souk);
      const done = (await buyer.get(`/api/orders/${orderId}/returns`)).json().returns[0];
      assert.equal(done.status, 'refunded');
      assert.equal(done.refund.attempt, 2);
      assert.equal(await refundedOf(orderId), 4000);
    },
  );

  await t.test('no answer by the deadline: the request escalates by itself and both sides are told', async () => {
    const orderId = await deliveredOrder();
    const ret = (await ask(buyer, orderId)).json();
    assert.equal(await escalateOverdueReturns(app.souk), 0);
    await db
      .updateTable('return_requests')
      .set({ respond_by: sql<Date>`now() - interval '1 minute'` })
      .where('id', '=', ret.id)
      .execute();
    assert.equal(await escalateOverdueReturns(app.souk), 1);
    const after = (await buyer.get(`/api/orders/${orderId}/returns`)).json().returns[0];
    assert.equal(after.status, 'escalated');
    assert.equal(after.dispute.openedBy, 'deadline');
    await waitForMail(app, 'seller@example.com', /^Return sent to Souk support/);
    assert.equal(
      (await seller.post(`/api/seller/returns/${ret.id}/accept`, { mode: 'refund' })).json().error.code,
      'RETURN_STATE',
    );
  });

  await t.test('the return window: 15 days by default, never shorter; closed windows refuse', async () => {
    assert.deepEqual((await seller.get('/api/seller/return-policy')).json(), { windowDays: 15, responseDays: 5 });
    assert.equal((await seller.put('/api/seller/return-policy', { windowDays: 14, responseDays: 5 })).statusCode, 400);
    assert.equal(
      (await seller.put('/api/seller/return-policy', { windowDays: 30, responseDays: 3 })).json().windowDays,
      30,
    );
    const orderId = await deliveredOrder();
    await db
      .updateTable('orders')
      .set({ delivered_at: sql<Date>`now() - interval '31 days'` })
      .where('id', '=', orderId)
      .execute();
    assert.equal((await buyer.get(`/api/orders/${orderId}/returns`)).json().canRequest, false);
    assert.equal((await ask(buyer, orderId)).json().error.code, 'RETURN_WINDOW_CLOSED');
  });
});
