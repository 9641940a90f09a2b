// Every step of a return mails the people concerned: the buyer (while their account is active) and
// the store's owner. Written to the outbox in the step's own transaction; receipts of money
// (kind order_receipts) cannot be turned off.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, ReturnEventKind } from '../../db/types.ts';
import { orderAmountText } from '../orders/index.ts';
import { activeContactOf } from '../accounts/index.ts';
import { ownerOfStore } from '../catalog/index.ts';
import { render } from '../mail/index.ts';

/** What a step says, to the buyer and to the seller; null for nobody. */
const WORDS: Record<ReturnEventKind, { buyer: string | null; seller: string | null }> = {
  requested: {
    buyer: 'We sent your return request to the seller. They answer before the date on the order page.',
    seller: 'A buyer asked to return items. Answer before the deadline, or Souk support decides.',
  },
  accepted_refund: {
    buyer: 'The seller accepted your request: you are refunded without sending anything back.',
    seller: null,
  },
  accepted_return: {
    buyer:
      'The seller accepted your return. Send the items back with the return tracking number below; you are refunded when they arrive.',
    seller: null,
  },
  return_received: { buyer: 'The seller received your return. Your refund is on its way.', seller: null },
  partial_offered: {
    buyer: 'The seller offers a partial refund. Accept it on the order page, or ask Souk support to decide.',
    seller: null,
  },
  offer_accepted: { buyer: null, seller: 'The buyer accepted your partial refund offer; the refund is on its way.' },
  refused: {
    buyer: 'The seller refused your return request. If you disagree, ask Souk support to decide on the order page.',
    seller: null,
  },
  escalated: {
    buyer: 'You asked Souk support to decide. We answer before the date on the order page.',
    seller: 'The buyer asked Souk support to decide on this return.',
  },
  auto_escalated: {
    buyer: 'The seller did not answer in time, so Souk support now decides on your return.',
    seller: 'You did not answer this return request in time: Souk support now decides on it.',
  },
  refund_failed: { buyer: null, seller: null },
  refunded: {
    buyer: 'Your refund went through to the card you paid with. It can take a few days to show.',
    seller: 'The refund for this return went through.',
  },
  withdrawn: { buyer: null, seller: 'The buyer withdrew this return request.' },
  dispute_decided: { buyer: 'Souk support decided on your return.', seller: 'Souk support decided on this return.' },
};

const SUBJECTS: Partial<Record<ReturnEventKind, string>> = {
  requested: 'Return requested',
  accepted_refund: 'Return accepted',
  accepted_return: 'Return accepted: send the items back',
  return_received: 'Return received',
  partial_offered: 'Partial refund offered',
  offer_accepted: 'Partial refund accepted',
  refused: 'Return refused',
  escalated: 'Return sent to Souk support',
  auto_escalated: 'Return sent to Souk support',
  refunded: 'Refund sent',
  withdrawn: 'Return withdrawn',
  dispute_decided: 'Souk support decided',
};

type Step = {
  kind: ReturnEventKind;
  number: string;
  orderNumber: string;
  orderId: string;
  buyerUserId: string | null;
  storeId: string;
  amount?: { minor: number; currency: string } | null;
  returnParcel?: { carrier: string; trackingNumber: string } | null;
  refusalReason?: string | null;
  /** Support's decision on a dispute: the refund (null for none) and the written reason. */
  decision?: { refund: { minor: number; currency: string } | null; reason: string } | null;
};

/** Mails the step to the buyer and the seller; returns the outbox ids to dispatch after commit. */
export async function enqueueReturnMails(ctx: AppContext, trx: Kysely<DB>, step: Step): Promise<Array<string | null>> {
  const words = WORDS[step.kind];
  const subject = `${SUBJECTS[step.kind] ?? 'Return update'}: ${step.number} (order ${step.orderNumber})`;
  // Amounts in the order's currency, with what the buyer saw at checkout beside them (decision 060).
  const amountText = (amount: { minor: number; currency: string }) => orderAmountText(trx, step.orderId, amount);
  const extra = [
    ...(step.amount ? [{ kind: 'p' as const, text: `Amount: ${await amountText(step.amount)}` }] : []),
    ...(step.returnParcel
      ? [
          {
            kind: 'p' as const,
            text: `Return parcel: ${step.returnParcel.carrier}, tracking number ${step.returnParcel.trackingNumber}`,
          },
        ]
      : []),
    ...(step.refusalReason ? [{ kind: 'p' as const, text: `The seller's reason: ${step.refusalReason}` }] : []),
    ...(step.decision
      ? [
          {
            kind: 'p' as const,
            text: step.decision.refund
              ? `Decision: a refund of ${await amountText(step.decision.refund)} to the card the order was paid with.`
              : 'Decision: no refund.',
          },
          { kind: 'p' as const, text: `Reason: ${step.decision.reason}` },
        ]
      : []),
  ];
  const kind = step.kind === 'refunded' ? 'order_receipts' : 'order_updates';
  const ids: Array<string | null> = [];
  if (words.buyer && step.buyerUserId) {
    const to = await activeContactOf(trx, step.buyerUserId);
    if (to) {
      const mail = render(subject, [
        { kind: 'p', text: words.buyer },
        ...extra,
        { kind: 'button', label: 'See the order', url: `${ctx.config.publicUrl}/account/orders/${step.orderId}` },
      ]);
      ids.push(await ctx.mail.enqueue(trx, { to: to.email, userId: to.id, kind, mail }));
    }
  }
  if (words.seller) {
    const owner = await trx.selectNoFrom(ownerOfStore(sql.val(step.storeId)).as('owner')).executeTakeFirst();
    const to = owner?.owner ? await activeContactOf(trx, owner.owner) : undefined;
    if (to) {
      const mail = render(subject, [
        { kind: 'p', text: words.seller },
        ...extra,
        { kind: 'button', label: 'Open the order', url: `${ctx.config.publicUrl}/seller/orders?status=all` },
      ]);
      ids.push(await ctx.mail.enqueue(trx, { to: to.email, userId: to.id, kind: 'order_receipts', mail }));
    }
  }
  return ids;
}
