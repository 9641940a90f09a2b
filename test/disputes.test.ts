// Souk support decides disputes over returns (issue 19): the queue with due dates, one dispute with
// both sides, full / partial / no refund with a written reason, audited and mailed to both sides;
// refunds go through the returns module's refund path (at most what was paid, never twice).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestApp, signIn, signUpAndSignIn, waitForMail } from './helpers/app.ts';
import { CARD_OK, CARD_REFUND_RETRY, openLampShop } from './helpers/returns.ts';
import { processDueRefunds, startRefund } from '../src/modules/returns/index.ts';
import { grantRole } from '../src/modules/roles/index.ts';

test('disputes: staff side', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const db = app.souk.db;
  const { seller, buyer, idOf, deliveredOrder, refundedOf } = await openLampShop(app);
  await signUpAndSignIn(app, 'staff@souk.example', undefined, 'Staff');
  await grantRole(db, 'staff@souk.example', 'staff');
  const staff = await signIn(app, 'staff@souk.example');

  /** A delivered order of one lamp (4000 + 500 shipping), returned, refused and escalated: an open dispute. */
  const openDispute = async (card = CARD_OK) => {
    const orderId = await deliveredOrder(1, card);
    const ret = (
      await buyer.post(`/api/orders/${orderId}/returns`, {
        items: [{ position: 0, quantity: 1 }],
        reason: 'damaged',
        comment: 'The shade is cracked.',
      })
    ).json();
    await seller.post(`/api/seller/returns/${ret.id}/refuse`, { reason: 'Worked when shipped.' });
    const escalated = await buyer.post(`/api/returns/${ret.id}/escalate`, { statement: 'It arrived broken.' });
    assert.equal(escalated.json().status, 'escalated', escalated.body);
    const listed = (await staff.get('/api/admin/disputes')).json();
    const dispute = listed.items.find((d: { returnId: string }) => d.returnId === ret.id);
    assert.ok(dispute, 'the open dispute is in the queue');
    return { orderId, returnId: ret.id as string, number: ret.number as string, disputeId: dispute.id as string };
  };
  const auditOf = (subject: string) =>
    db.selectFrom('audit_log').select(['action', 'detail', 'actor_user_id']).where('subject', '=', subject).execute();

  await t.test('the queue and one dispute: both sides, the order, the messages, due dates; staff only', async () => {
    const d = await openDispute();
    const started = await buyer.post('/api/conversations', { orderId: d.orderId, body: 'The lamp came broken.' });
    assert.equal(started.statusCode, 201, started.body);
    const queue = (await staff.get('/api/admin/disputes')).json();
    assert.ok(queue.total >= 1);
    const item = queue.items.find((i: { id: string }) => i.id === d.disputeId);
    assert.equal(item.status, 'open');
    assert.equal(item.overdue, false);
    assert.ok(item.secondsLeft > 6 * 86_400);
    const shown = (await staff.get(`/api/admin/disputes/${d.disputeId}`)).json();
    assert.equal(shown.buyerStatement, 'It arrived broken.');
    assert.equal(shown.return.refusalReason, 'Worked when shipped.');
    assert.equal(shown.return.comment, 'The shade is cracked.');
    assert.deepEqual(shown.order.total, { amount: 4500, currency: 'USD' });
    assert.deepEqual(shown.order.refundable, { amount: 4500, currency: 'USD' });
    assert.deepEqual(
      shown.messages.map((m: { side: string; body: string }) => [m.side, m.body]),
      [['buyer', 'The lamp came broken.']],
    );
    assert.deepEqual(
      shown.return.events.map((e: { kind: string }) => e.kind),
      ['requested', 'refused', 'escalated'],
    );
    // Buyer and seller are not staff: 403, nothing decided.
    for (const client of [buyer, seller]) {
      assert.equal((await client.get('/api/admin/disputes')).statusCode, 403);
      assert.equal((await client.get(`/api/admin/disputes/${d.disputeId}`)).statusCode, 403);
      const refused = await client.post(`/api/admin/disputes/${d.disputeId}/decide`, { outcome: 'full', reason: 'x' });
      assert.equal(refused.statusCode, 403);
      assert.equal((await client.get('/api/admin/overview')).statusCode, 403);
    }
    assert.equal((await staff.get(`/api/admin/disputes/${randomUUID()}`)).statusCode, 404);
    assert.equal((await staff.get(`/api/admin/disputes/${d.disputeId}`)).json().status, 'open');
  });

  await t.test('a written reason is required: missing or blank is 400 DECISION_REASON_REQUIRED', async () => {
    const d = await openDispute();
    for (const body of [{ outcome: 'full' }, { outcome: 'none', reason: '   ' }, { outcome: 'full', reason: '' }]) {
      const res = await staff.post(`/api/admin/disputes/${d.disputeId}/decide`, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'DECISION_REASON_REQUIRED');
    }
    assert.equal((await staff.get(`/api/admin/disputes/${d.disputeId}`)).json().status, 'open');
    assert.equal((await auditOf(d.number)).length, 0, 'nothing audited');
    assert.equal(await refundedOf(d.orderId), 0);
  });

  await t.test('full refund: refunded once, audited, both sides mailed; deciding again is 409', async () => {
    const d = await openDispute();
    const res = await staff.post(`/api/admin/disputes/${d.disputeId}/decide`, {
      outcome: 'full',
      reason: 'The photos show the shade cracked on arrival.',
    });
    assert.equal(res.statusCode, 200, res.body);
    const decided = res.json();
    assert.equal(decided.status, 'decided_refund');
    assert.equal(decided.decisionNote, 'The photos show the shade cracked on arrival.');
    assert.equal(decided.return.status, 'refunded');
    assert.equal(decided.refund.status, 'succeeded');
    assert.equal(await refundedOf(d.orderId), 4000);
    const audit = await auditOf(d.number);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'dispute.decide');
    assert.equal(audit[0]!.actor_user_id, await idOf('staff@souk.example'));
    assert.match(audit[0]!.detail ?? '', /^full 4000 USD: The photos show/);
    const toBuyer = await waitForMail(app, 'buyer@example.com', new RegExp(`^Souk support decided: ${d.number}`));
    assert.match(toBuyer.text, /Decision: a refund of/);
    assert.match(toBuyer.text, /Reason: The photos show the shade cracked on arrival\./);
    const toSeller = await waitForMail(app, 'seller@example.com', new RegExp(`^Souk support decided: ${d.number}`));
    assert.match(toSeller.text, /Reason: The photos show/);
    const again = await staff.post(`/api/admin/disputes/${d.disputeId}/decide`, {
      outcome: 'none',
      reason: 'Changed my mind.',
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'DISPUTE_DECIDED');
    assert.equal(await refundedOf(d.orderId), 4000, 'never twice');
    assert.equal((await auditOf(d.number)).length, 1);
  });

  await t.test('partial refund: less than asked, at most what is left to refund', async () => {
    const d = await openDispute();
    const over = await staff.post(`/api/admin/disputes/${d.disputeId}/decide`, {
      outcome: 'partial',
      amount: 4000,
      reason: 'Half.',
    });
    assert.equal(over.statusCode, 400);
    assert.equal(over.json().error.code, 'VALIDATION_FAILED');
    assert.equal(
      (await staff.post(`/api/admin/disputes/${d.disputeId}/decide`, { outcome: 'partial', reason: 'x' })).statusCode,
      400,
    );
    // Another refund of this order (a stray charge's) leaves 500 to refund: 1000 is too much.
    await db.transaction().execute((trx) => startRefund(trx, d.orderId, null, 4000));
    const beyond = await staff.post(`/api/admin/disputes/${d.disputeId}/decide`, {
      outcome: 'partial',
      amount: 1000,
      reason: 'The shade only.',
    });
    assert.equal(beyond.statusCode, 409);
    assert.equal(beyond.json().error.code, 'REFUND_EXCEEDS_PAID');
    assert.equal((await staff.get(`/api/admin/disputes/${d.disputeId}`)).json().status, 'open', 'nothing changed');
    assert.equal((await auditOf(d.number)).length, 0);
    const ok = await staff.post(`/api/admin/disputes/${d.disputeId}/decide`, {
      outcome: 'partial',
      amount: 500,
      reason: 'The shade only.',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().return.status, 'refunded');
    assert.deepEqual(ok.json().refund.amount, { amount: 500, currency: 'USD' });
    assert.equal((await auditOf(d.number))[0]!.detail, 'partial 500 USD: The shade only.');
  });

  await t.test('no refund: the return closes, nothing refunded, both sides told why', async () => {
    const d = await openDispute();
    const res = await staff.post(`/api/admin/disputes/${d.disputeId}/decide`, {
      outcome: 'none',
      reason: 'The lamp was used for months.',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'decided_no_refund');
    assert.equal(res.json().return.status, 'closed');
    assert.equal(res.json().refund, null);
    assert.equal(await refundedOf(d.orderId), 0);
    const mail = await waitForMail(app, 'buyer@example.com', new RegExp(`^Souk support decided: ${d.number}`));
    assert.match(mail.text, /Decision: no refund\./);
    await waitForMail(app, 'seller@example.com', new RegExp(`^Souk support decided: ${d.number}`));
    assert.equal((await auditOf(d.number))[0]!.detail, 'none: The lamp was used for months.');
  });

  await t.test(
    'the provider fails: staff see the failed refund and its next try, then the retry succeeds',
    async () => {
      const d = await openDispute(CARD_REFUND_RETRY);
      const decided = (
        await staff.post(`/api/admin/disputes/${d.disputeId}/decide`, { outcome: 'full', reason: 'Broken on arrival.' })
      ).json();
      assert.equal(decided.refund.status, 'failed');
      assert.equal(decided.refund.attempt, 1);
      assert.equal(decided.refund.failureCode, 'processing_error');
      assert.ok(decided.refund.nextAttemptAt);
      const overview = (await staff.get('/api/admin/overview')).json();
      assert.equal(overview.failedRefunds.count, 1);
      assert.equal(overview.failedRefunds.items[0].disputeId, d.disputeId);
      assert.equal(overview.failedRefunds.items[0].attempt, 1);
      assert.equal(await refundedOf(d.orderId), 0);
      await db
        .updateTable('refunds')
        .set({ next_attempt_at: sql<Date>`now()` })
        .where('return_id', '=', d.returnId)
        .execute();
      await processDueRefunds(app.souk);
      const after = (await staff.get(`/api/admin/disputes/${d.disputeId}`)).json();
      assert.equal(after.refund.status, 'succeeded');
      assert.equal(after.refund.attempt, 2);
      assert.equal(after.return.status, 'refunded');
      assert.equal(await refundedOf(d.orderId), 4000);
      assert.equal((await staff.get('/api/admin/overview')).json().failedRefunds.count, 0);
    },
  );

  await t.test('the overview: open tickets, disputes and deletion requests with their oldest due dates', async () => {
    const d = await openDispute();
    const overview = await staff.get('/api/admin/overview');
    assert.equal(overview.statusCode, 200, overview.body);
    const o = overview.json();
    const open = await db
      .selectFrom('disputes')
      .select(['due_at'])
      .where('status', '=', 'open')
      .orderBy('due_at')
      .execute();
    assert.equal(o.disputes.count, open.length);
    assert.equal(o.disputes.oldest, new Date(open[0]!.due_at).toISOString());
    assert.equal(o.disputes.overdue, 0);
    assert.equal(typeof o.tickets.count, 'number');
    assert.equal(typeof o.deletions.count, 'number');
    await db
      .updateTable('disputes')
      .set({ due_at: sql<Date>`now() - interval '1 day'` })
      .where('id', '=', d.disputeId)
      .execute();
    const later = (await staff.get('/api/admin/overview')).json();
    assert.equal(later.disputes.overdue, 1);
    assert.equal((await staff.get(`/api/admin/disputes/${d.disputeId}`)).json().overdue, true);
  });
});
