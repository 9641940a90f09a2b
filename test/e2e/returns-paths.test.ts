// Issue 19's other return paths in Chromium, each seen on the buyer's order page with its dated
// timeline: a partial refund offered and accepted; a refusal escalated to Souk support, decided
// partly (with the provider failing the refund, retried from the dispute page) and not at all; a
// refund the provider fails, shown as retrying to buyer and staff, retried from the overview; the
// seller's deadline passing. Every page is checked with axe at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import {
  assertAccessible,
  browserSkipReason,
  newPage,
  signInPage,
  startBrowserRun,
  WIDTHS,
} from '../helpers/browser.ts';
import { signUpAndSignIn } from '../helpers/app.ts';
import { CARD_OK, CARD_REFUND_RETRY, openLampShop } from '../helpers/returns.ts';
import { escalateOverdueReturns } from '../../src/modules/returns/index.ts';
import { grantRole } from '../../src/modules/roles/index.ts';

/** axe on the page as it is now, at both widths. */
async function accessibleAtBothWidths(page: Page, label: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize(width.viewport);
    await assertAccessible(page, `${label} (${width.name})`);
  }
}

/** The return's timeline on the order page: each step's words, and that each has its date. */
async function timelineOf(page: Page, number: string): Promise<string[]> {
  const timeline = page.getByRole('article', { name: `Return ${number}` }).getByRole('list', { name: /oldest first/ });
  const steps = timeline.getByRole('listitem');
  const count = await steps.count();
  assert.equal(await timeline.locator('time[datetime]').count(), count, 'each step is dated');
  return (await timeline.locator('.timeline-status').allInnerTexts()).map((s) => s.trim());
}

test('the other return paths in the browser', { skip: browserSkipReason, timeout: 300_000 }, async (t) => {
  const { server, browser } = await startBrowserRun(t);
  const { app } = server;
  const db = app.souk.db;
  const base = server.url;
  const { seller, buyer, deliveredOrder } = await openLampShop(app, base);
  await signUpAndSignIn(app, 'staff@souk.example', undefined, 'Staff', base);
  await grantRole(db, 'staff@souk.example', 'staff');

  /** A delivered order of one lamp (40.00 + 5.00 shipping) with a return asked for it over the API. */
  const askedReturn = async (card = CARD_OK) => {
    const orderId = await deliveredOrder(1, card);
    const asked = await buyer.post(`/api/orders/${orderId}/returns`, {
      items: [{ position: 0, quantity: 1 }],
      reason: 'damaged',
    });
    assert.equal(asked.statusCode, 201, asked.body);
    return { orderId, id: asked.json().id as string, number: asked.json().number as string };
  };
  /** The job's next try an hour away, so that the retry a step makes is staff's, not the job's. */
  const holdRetries = (returnId: string) =>
    db
      .updateTable('refunds')
      .set({ next_attempt_at: sql<Date>`now() + interval '1 hour'` })
      .where('return_id', '=', returnId)
      .where('status', '=', 'failed')
      .execute();
  const disputeOf = async (returnId: string) =>
    (await db.selectFrom('disputes').select('id').where('return_id', '=', returnId).executeTakeFirstOrThrow()).id;

  const buyerPage = await signInPage(browser, base, 'buyer@example.com', '/account/orders');
  await buyerPage.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
  const sellerPage = await signInPage(browser, base, 'seller@example.com', '/seller/orders');
  await sellerPage.getByRole('heading', { level: 1 }).first().waitFor();
  const staffPage = await signInPage(browser, base, 'staff@souk.example', '/admin');
  await staffPage.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  const openOrder = async (orderId: string, number: string) => {
    await buyerPage.goto(`${base}/account/orders/${orderId}`);
    await buyerPage.getByRole('article', { name: `Return ${number}` }).waitFor();
    return buyerPage.getByRole('article', { name: `Return ${number}` });
  };
  const sellerReturn = async (number: string) => {
    await sellerPage.goto(`${base}/seller/orders`);
    const card = sellerPage.getByRole('article', { name: `Return ${number}` });
    await card.waitFor();
    return card;
  };

  await t.test('the seller offers a partial refund and the buyer accepts it', async () => {
    const ret = await askedReturn();
    const card = await sellerReturn(ret.number);
    await card.getByRole('button', { name: 'Offer a partial refund' }).click();
    await card.getByLabel('Refund to offer (USD)').fill('15.00');
    await accessibleAtBothWidths(sellerPage, "the seller's partial offer form");
    await card.getByRole('button', { name: 'Send the offer' }).click();
    await sellerPage
      .getByRole('status')
      .filter({ hasText: `You offered $15.00 for return ${ret.number}.` })
      .waitFor();
    await accessibleAtBothWidths(sellerPage, "the seller's returns after an offer");

    const offered = await openOrder(ret.orderId, ret.number);
    await offered.getByText('Partial refund offered', { exact: true }).first().waitFor();
    await offered.getByText('$15.00', { exact: true }).waitFor();
    await accessibleAtBothWidths(buyerPage, 'the order with a partial refund offered');
    await offered.getByRole('button', { name: 'Accept $15.00' }).click();
    await buyerPage.getByRole('status').filter({ hasText: 'You accepted the refund of $15.00.' }).waitFor();
    await offered.getByText('Refunded', { exact: true }).first().waitFor();
    assert.deepEqual(await timelineOf(buyerPage, ret.number), [
      'Return requested ($40.00)',
      'Partial refund offered ($15.00)',
      'Partial refund accepted ($15.00)',
      'Refunded ($15.00)',
    ]);
    await accessibleAtBothWidths(buyerPage, 'the order with the partial refund accepted');
  });

  let escalated: Awaited<ReturnType<typeof askedReturn>> | undefined;
  await t.test('the seller refuses with a reason and the buyer asks Souk support to decide', async () => {
    // Paid with the card whose refunds fail first: the staff step below sees the provider fail.
    const ret = await askedReturn(CARD_REFUND_RETRY);
    const card = await sellerReturn(ret.number);
    await card.getByRole('button', { name: 'Refuse', exact: true }).click();
    await card.getByLabel('Why you refuse').fill('The lamp worked when it left us.');
    await accessibleAtBothWidths(sellerPage, "the seller's refusal form");
    await card.getByRole('button', { name: 'Refuse the return' }).click();
    await sellerPage
      .getByRole('status')
      .filter({ hasText: `Return ${ret.number} refused.` })
      .waitFor();

    const refused = await openOrder(ret.orderId, ret.number);
    await refused.getByText('The lamp worked when it left us.').waitFor();
    await accessibleAtBothWidths(buyerPage, 'the order with its return refused');
    await refused.getByLabel('What should Souk support know?').fill('The shade was cracked in the box.');
    await refused.getByRole('button', { name: 'Ask Souk support to decide' }).click();
    await buyerPage
      .getByRole('status')
      .filter({ hasText: 'Souk support will look at this return and decide.' })
      .waitFor();
    await refused.getByText('With Souk support', { exact: true }).first().waitFor();
    await refused.getByText(/^Deciding by/).waitFor();
    assert.deepEqual(await timelineOf(buyerPage, ret.number), [
      'Return requested ($40.00)',
      'Refused by the seller',
      'Sent to Souk support',
    ]);
    await accessibleAtBothWidths(buyerPage, 'the order with its return escalated');
    escalated = ret;
  });

  await t.test(
    'staff decide a partial refund; the provider fails it and staff retry it now from the dispute',
    async () => {
      assert.ok(escalated, 'the escalated return of the step before');
      const ret = escalated;
      await staffPage.goto(`${base}/admin/disputes/${await disputeOf(ret.id)}`);
      await staffPage.getByRole('heading', { name: `Dispute ${ret.number}`, level: 1 }).waitFor();
      await staffPage.getByText('To Souk support: The shade was cracked in the box.').waitFor();
      await staffPage.getByLabel('Partial refund').check();
      await staffPage.getByLabel('Amount (USD)').fill('20.00');
      await staffPage.getByLabel('Reason').fill('Only the shade was damaged.');
      await accessibleAtBothWidths(staffPage, 'a dispute with a partial decision filled in');
      await staffPage.getByRole('button', { name: 'Decide' }).click();
      await staffPage.getByRole('status').getByText('Decided: refund of $20.00. Both sides were mailed.').waitFor();
      await holdRetries(ret.id);
      const refund = staffPage.getByRole('region', { name: 'Refund' });
      await refund.getByText(/failed, attempt 1 \(failed: processing_error\) · next try/).waitFor();
      await accessibleAtBothWidths(staffPage, 'a decided dispute whose refund failed');

      const failing = await openOrder(ret.orderId, ret.number);
      await failing.getByText(/the payment provider refused it \(processing_error\); next try/).waitFor();
      assert.deepEqual(await timelineOf(buyerPage, ret.number), [
        'Return requested ($40.00)',
        'Refused by the seller',
        'Sent to Souk support',
        'Decided by Souk support ($20.00)',
        'Refund failed, retrying ($20.00)',
      ]);
      await accessibleAtBothWidths(buyerPage, 'the order with a decided refund retrying');

      await refund.getByRole('button', { name: 'Retry refund now' }).click();
      await staffPage.getByRole('status').getByText('Refund of $20.00 sent (attempt 2).').waitFor();
      await refund.getByText(/succeeded, attempt 2/).waitFor();
      assert.equal(await refund.getByRole('button', { name: 'Retry refund now' }).count(), 0, 'nothing left to retry');
      await accessibleAtBothWidths(staffPage, 'a dispute whose refund was retried');

      const done = await openOrder(ret.orderId, ret.number);
      await done.getByText('Refunded', { exact: true }).first().waitFor();
      assert.deepEqual((await timelineOf(buyerPage, ret.number)).slice(-1), ['Refunded ($20.00)']);
      await accessibleAtBothWidths(buyerPage, 'the order refunded after the dispute');
    },
  );

  await t.test('staff decide no refund: the buyer sees the return closed', async () => {
    const ret = await askedReturn();
    assert.equal(
      (await seller.post(`/api/seller/returns/${ret.id}/refuse`, { reason: 'Used for months.' })).statusCode,
      200,
    );
    assert.equal((await buyer.post(`/api/returns/${ret.id}/escalate`, { statement: null })).statusCode, 200);
    await staffPage.goto(`${base}/admin/disputes/${await disputeOf(ret.id)}`);
    await staffPage.getByRole('heading', { name: `Dispute ${ret.number}`, level: 1 }).waitFor();
    await staffPage.getByLabel('No refund').check();
    await staffPage.getByLabel('Reason').fill('The lamp shows months of use.');
    await staffPage.getByRole('button', { name: 'Decide' }).click();
    await staffPage.getByRole('status').getByText('Decided: no refund. Both sides were mailed.').waitFor();
    await accessibleAtBothWidths(staffPage, 'a dispute decided with no refund');

    const closed = await openOrder(ret.orderId, ret.number);
    await closed.getByText('Closed', { exact: true }).first().waitFor();
    assert.deepEqual(await timelineOf(buyerPage, ret.number), [
      'Return requested ($40.00)',
      'Refused by the seller',
      'Sent to Souk support',
      'Decided by Souk support',
    ]);
    assert.equal(await closed.getByText(/^Refund$/).count(), 0, 'no refund shown');
    await accessibleAtBothWidths(buyerPage, 'the order with its dispute decided, no refund');
  });

  await t.test('the provider fails a refund: retrying for buyer and staff, then sent from the overview', async () => {
    const ret = await askedReturn(CARD_REFUND_RETRY);
    const card = await sellerReturn(ret.number);
    await card.getByRole('button', { name: /^Refund without return/ }).click();
    await card.getByRole('button', { name: /^Yes, refund now/ }).click();
    await sellerPage
      .getByRole('status')
      .filter({ hasText: `Return ${ret.number}: the refund of $40.00 is on its way` })
      .waitFor();
    await holdRetries(ret.id);
    await accessibleAtBothWidths(sellerPage, "the seller's returns with a refund retrying");

    const failing = await openOrder(ret.orderId, ret.number);
    await failing.getByText('Refund on its way', { exact: true }).first().waitFor();
    await failing.getByText(/the payment provider refused it \(processing_error\); next try/).waitFor();
    assert.deepEqual(await timelineOf(buyerPage, ret.number), [
      'Return requested ($40.00)',
      'Accepted: refund without return ($40.00)',
      'Refund failed, retrying ($40.00)',
    ]);
    await accessibleAtBothWidths(buyerPage, 'the order with its refund retrying');

    await staffPage.goto(`${base}/admin`);
    const failed = staffPage.getByRole('list', { name: 'Failed refunds' }).getByRole('listitem').filter({
      hasText: ret.number,
    });
    await failed.getByText(/\$40\.00, attempt 1 failed \(processing_error\)\. Next try/).waitFor();
    await accessibleAtBothWidths(staffPage, 'the overview with a failed refund');
    await failed.getByRole('button', { name: `Retry refund now: ${ret.number}` }).click();
    await staffPage.getByRole('status').getByText(`${ret.number}: Refund of $40.00 sent (attempt 2).`).waitFor();
    await staffPage.getByText('No failed refunds.').waitFor();
    await accessibleAtBothWidths(staffPage, 'the overview after the retry');

    const done = await openOrder(ret.orderId, ret.number);
    await done.getByText('Refunded', { exact: true }).first().waitFor();
    assert.deepEqual(await timelineOf(buyerPage, ret.number), [
      'Return requested ($40.00)',
      'Accepted: refund without return ($40.00)',
      'Refund failed, retrying ($40.00)',
      'Refunded ($40.00)',
    ]);
    await accessibleAtBothWidths(buyerPage, 'the order refunded after a retry');
  });

  await t.test("the seller's deadline passes: the return goes to Souk support on its own", async () => {
    const ret = await askedReturn();
    const waiting = await openOrder(ret.orderId, ret.number);
    await waiting.getByText(/^Seller answers by/).waitFor();
    // As test/returns.test.ts does: the deadline moved into the past, then the job's step.
    await db
      .updateTable('return_requests')
      .set({ respond_by: sql<Date>`now() - interval '1 minute'` })
      .where('id', '=', ret.id)
      .execute();
    assert.ok((await escalateOverdueReturns(app.souk)) >= 1);
    const escalatedByDeadline = await openOrder(ret.orderId, ret.number);
    await escalatedByDeadline.getByText('With Souk support', { exact: true }).first().waitFor();
    await escalatedByDeadline.getByText(/^Deciding by/).waitFor();
    assert.deepEqual(await timelineOf(buyerPage, ret.number), [
      'Return requested ($40.00)',
      'Sent to Souk support (the seller did not answer in time)',
    ]);
    await accessibleAtBothWidths(buyerPage, 'the order with its return escalated by the deadline');
    await staffPage.goto(`${base}/admin/disputes/${await disputeOf(ret.id)}`);
    await staffPage.getByText('Did not answer before the deadline.').waitFor();
    await accessibleAtBothWidths(staffPage, 'a dispute opened by the deadline');
  });

  await t.test(
    "a return parcel carrying an order parcel's number: /track/<number> shows both, each named",
    async () => {
      const ret = await askedReturn();
      const { tracking_number: number } = await db
        .selectFrom('shipments')
        .select('tracking_number')
        .where('order_id', '=', ret.orderId)
        .executeTakeFirstOrThrow();
      // Return numbers are unique among returns only: the seller may reuse the outgoing parcel's.
      const accepted = await seller.post(`/api/seller/returns/${ret.id}/accept`, {
        mode: 'return',
        carrier: 'Colissimo',
        trackingNumber: number,
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
      const visitor = await newPage(browser, WIDTHS[0]);
      await visitor.goto(`${base}/track/${number}`);
      await visitor.getByRole('heading', { name: `Two parcels ${number}`, level: 1 }).waitFor();
      const sent = visitor.getByRole('region', { name: 'Parcel sent to a buyer' });
      await sent.getByRole('heading', { name: 'Delivered', level: 3 }).waitFor();
      const back = visitor.getByRole('region', { name: 'Return parcel sent back to a seller' });
      await back.getByRole('heading', { name: 'On its way back to the seller', level: 3 }).waitFor();
      await visitor.getByText('one sent to a buyer (DHL) and one sent back to a seller (Colissimo)').waitFor();
      assert.ok(!(await visitor.content()).includes('Amina'), 'names nobody');
      await accessibleAtBothWidths(visitor, 'a tracking number two parcels share');
      await visitor.context().close();
    },
  );
});
