// Staff's "Retry refund now" (issue 19): POST /api/admin/refunds/:id/retry sends a failed refund
// at once under its next attempt's key; staff only, CSRF-checked, audited; unknown is 404 and a
// refund that already succeeded is 409 REFUND_SUCCEEDED, refunding nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, signIn, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { CARD_REFUND_RETRY, openLampShop } from './helpers/returns.ts';
import { TestPaymentProvider, type RefundRequest, type RefundResult } from '../src/modules/payments/index.ts';
import { grantRole } from '../src/modules/roles/index.ts';

/** The test provider, whose refunds fail while `down` (an outage), then recover. */
class OutageProvider extends TestPaymentProvider {
  down = false;
  sent: RefundRequest[] = [];
  override async refund(request: RefundRequest): Promise<RefundResult> {
    this.sent.push(request);
    if (this.down) return { status: 'failed', code: 'provider_unavailable' };
    return super.refund(request);
  }
}

test('staff retry a failed refund now', async (t) => {
  const payments = new OutageProvider();
  const { app, close } = await createTestApp({}, { payments });
  t.after(close);
  const db = app.souk.db;
  const { seller, buyer, idOf, deliveredOrder, refundedOf } = await openLampShop(app);
  await signUpAndSignIn(app, 'staff@souk.example', undefined, 'Staff');
  await grantRole(db, 'staff@souk.example', 'staff');
  const staff = await signIn(app, 'staff@souk.example');

  /** A one-lamp order on the card whose refunds fail first, returned and refunded by the seller: a failed refund. */
  const failedRefund = async () => {
    const orderId = await deliveredOrder(1, CARD_REFUND_RETRY);
    const ret = (
      await buyer.post(`/api/orders/${orderId}/returns`, { items: [{ position: 0, quantity: 1 }], reason: 'damaged' })
    ).json();
    const accepted = (await seller.post(`/api/seller/returns/${ret.id}/accept`, { mode: 'refund' })).json();
    assert.equal(accepted.refund.status, 'failed');
    const overview = (await staff.get('/api/admin/overview')).json();
    const item = overview.failedRefunds.items.find((f: { returnNumber: string }) => f.returnNumber === ret.number);
    assert.ok(item, 'the failed refund is on the overview, with its id');
    return { orderId, returnId: ret.id as string, number: ret.number as string, refundId: item.refundId as string };
  };
  const refundOf = (refundId: string) =>
    db
      .selectFrom('refunds')
      .select(['status', 'attempt', 'next_attempt_at'])
      .where('id', '=', refundId)
      .executeTakeFirstOrThrow();
  const auditOf = (subject: string) =>
    db
      .selectFrom('audit_log')
      .select(['action', 'detail', 'actor_user_id'])
      .where('subject', '=', subject)
      .where('action', '=', 'refund.retry')
      .execute();

  await t.test('only staff, from this site: others get 401/403/CSRF_REJECTED and nothing is sent', async () => {
    const r = await failedRefund();
    const before = await refundOf(r.refundId);
    const sentBefore = payments.sent.length;
    for (const client of [buyer, seller]) {
      assert.equal((await client.post(`/api/admin/refunds/${r.refundId}/retry`)).statusCode, 403);
    }
    const anonymous = await app.inject({ method: 'POST', url: `/api/admin/refunds/${r.refundId}/retry` });
    assert.equal(anonymous.statusCode, 401, anonymous.body);
    const crossSite = await staff.post(`/api/admin/refunds/${r.refundId}/retry`, undefined, {
      origin: 'https://elsewhere.example',
    });
    assert.equal(crossSite.statusCode, 403);
    assert.equal(crossSite.json().error.code, 'CSRF_REJECTED');
    assert.deepEqual(await refundOf(r.refundId), before, 'the refund is untouched');
    assert.equal(payments.sent.length, sentBefore, 'the provider heard nothing');
    assert.equal((await auditOf(r.number)).length, 0);
  });

  await t.test('unknown is 404, a malformed id 400', async () => {
    const unknown = await staff.post(`/api/admin/refunds/${randomUUID()}/retry`);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'NOT_FOUND');
    assert.equal((await staff.post('/api/admin/refunds/not-a-refund/retry')).statusCode, 400);
  });

  await t.test('the failing card: retried now, the next attempt succeeds at once; then 409, never twice', async () => {
    const r = await failedRefund();
    const before = await refundOf(r.refundId);
    assert.ok(new Date(before.next_attempt_at).getTime() > Date.now(), 'not due yet on its own');
    const res = await staff.post(`/api/admin/refunds/${r.refundId}/retry`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.id, r.refundId);
    assert.equal(body.returnNumber, r.number);
    assert.equal(body.disputeId, null);
    assert.equal(body.status, 'succeeded');
    assert.equal(body.attempt, 2);
    assert.equal(body.failureCode, null);
    assert.ok(body.succeededAt);
    assert.deepEqual(body.amount, { amount: 4000, currency: 'USD' });
    assert.equal(await refundedOf(r.orderId), 4000);
    const ret = (await buyer.get(`/api/orders/${r.orderId}/returns`)).json().returns[0];
    assert.equal(ret.status, 'refunded');
    assert.deepEqual(
      ret.events.map((e: { kind: string }) => e.kind),
      ['requested', 'accepted_refund', 'refund_failed', 'refunded'],
    );
    await waitForMail(app, 'buyer@example.com', new RegExp(`^Refund sent.*${r.number}`));
    const audit = await auditOf(r.number);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_user_id, await idOf('staff@souk.example'));
    assert.equal(audit[0]!.detail, 'attempt 2: 4000 USD');
    // Again: nothing to retry, nothing sent, nothing audited.
    const sentBefore = payments.sent.length;
    const again = await staff.post(`/api/admin/refunds/${r.refundId}/retry`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'REFUND_SUCCEEDED');
    assert.equal(payments.sent.length, sentBefore);
    assert.equal(await refundedOf(r.orderId), 4000);
    assert.equal((await auditOf(r.number)).length, 1);
    const overview = (await staff.get('/api/admin/overview')).json();
    assert.ok(
      !overview.failedRefunds.items.some((f: { refundId: string }) => f.refundId === r.refundId),
      'no longer listed as failed',
    );
  });

  await t.test('during an outage the retry fails under a new key; once the provider recovers it succeeds', async () => {
    const r = await failedRefund();
    payments.down = true;
    try {
      const failed = await staff.post(`/api/admin/refunds/${r.refundId}/retry`);
      assert.equal(failed.statusCode, 200, failed.body);
      assert.equal(failed.json().status, 'failed');
      assert.equal(failed.json().attempt, 2);
      assert.equal(failed.json().failureCode, 'provider_unavailable');
      assert.ok(failed.json().nextAttemptAt, 'the job will try again');
      assert.equal(await refundedOf(r.orderId), 0);
    } finally {
      payments.down = false;
    }
    const recovered = await staff.post(`/api/admin/refunds/${r.refundId}/retry`);
    assert.equal(recovered.statusCode, 200, recovered.body);
    assert.equal(recovered.json().status, 'succeeded');
    assert.equal(recovered.json().attempt, 3);
    assert.equal(await refundedOf(r.orderId), 4000);
    const keys = payments.sent.filter((s) => s.idempotencyKey.startsWith(`refund:${r.refundId}:`));
    assert.deepEqual(
      keys.map((s) => s.idempotencyKey),
      [1, 2, 3].map((n) => `refund:${r.refundId}:${n}`),
      'each attempt its own key, each sent once',
    );
    assert.deepEqual(
      (await auditOf(r.number)).map((a) => a.detail),
      ['attempt 2: 4000 USD', 'attempt 3: 4000 USD'],
    );
    assert.equal((await staff.post(`/api/admin/refunds/${r.refundId}/retry`)).json().error.code, 'REFUND_SUCCEEDED');
  });

  await t.test("a dispute's failed refund carries its id on the dispute, and is retried from there", async () => {
    const orderId = await deliveredOrder(1, CARD_REFUND_RETRY);
    const ret = (
      await buyer.post(`/api/orders/${orderId}/returns`, { items: [{ position: 0, quantity: 1 }], reason: 'damaged' })
    ).json();
    await seller.post(`/api/seller/returns/${ret.id}/refuse`, { reason: 'Worked when shipped.' });
    await buyer.post(`/api/returns/${ret.id}/escalate`, { statement: 'It arrived broken.' });
    const dispute = (await staff.get('/api/admin/disputes'))
      .json()
      .items.find((d: { returnId: string }) => d.returnId === ret.id);
    const decided = (
      await staff.post(`/api/admin/disputes/${dispute.id}/decide`, { outcome: 'full', reason: 'Broken on arrival.' })
    ).json();
    assert.equal(decided.refund.status, 'failed');
    const res = await staff.post(`/api/admin/refunds/${decided.refund.id}/retry`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().disputeId, dispute.id);
    assert.equal(res.json().status, 'succeeded');
    const after = (await staff.get(`/api/admin/disputes/${dispute.id}`)).json();
    assert.equal(after.refund.status, 'succeeded');
    assert.equal(after.return.status, 'refunded');
    assert.equal(await refundedOf(orderId), 4000);
  });
});
