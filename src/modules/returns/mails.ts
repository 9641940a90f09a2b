// Every step of a return mails the people concerned: the buyer (while their account is active) and
// the store's owner. Written to the outbox in the step's own transaction; receipts of money
// (kind order_receipts) cannot be turned off.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, ReturnEventKind } from '../../db/types.ts';
import { translator, type MailKey } from '../../i18n/index.ts';
import type { Language } from '../../lib/languages.ts';
import { formatMoney } from '../../lib/money.ts';
import { orderAmountsOf, orderTotalText, type OrderTotal } from '../orders/index.ts';
import { activeContactOf } from '../accounts/index.ts';
import { ownerOfStore } from '../catalog/index.ts';
import { render, type Block } from '../mail/index.ts';

type Words = MailKey<'mail-returns'>;

/**
 * What a step says (src/i18n/locales/<language>/mail-returns.json): its title, and its words to the
 * buyer and to the seller, null for nobody. A step not listed mails nobody.
 */
const STEPS: Partial<Record<ReturnEventKind, { title: Words; buyer: Words | null; seller: Words | null }>> = {
  requested: { title: 'titles.requested', buyer: 'buyer.requested', seller: 'seller.requested' },
  accepted_refund: { title: 'titles.accepted_refund', buyer: 'buyer.accepted_refund', seller: null },
  accepted_return: { title: 'titles.accepted_return', buyer: 'buyer.accepted_return', seller: null },
  return_received: { title: 'titles.return_received', buyer: 'buyer.return_received', seller: null },
  partial_offered: { title: 'titles.partial_offered', buyer: 'buyer.partial_offered', seller: null },
  offer_accepted: { title: 'titles.offer_accepted', buyer: null, seller: 'seller.offer_accepted' },
  refused: { title: 'titles.refused', buyer: 'buyer.refused', seller: null },
  escalated: { title: 'titles.escalated', buyer: 'buyer.escalated', seller: 'seller.escalated' },
  auto_escalated: { title: 'titles.auto_escalated', buyer: 'buyer.auto_escalated', seller: 'seller.auto_escalated' },
  refunded: { title: 'titles.refunded', buyer: 'buyer.refunded', seller: 'seller.refunded' },
  withdrawn: { title: 'titles.withdrawn', buyer: null, seller: 'seller.withdrawn' },
  dispute_decided: {
    title: 'titles.dispute_decided',
    buyer: 'buyer.dispute_decided',
    seller: 'seller.dispute_decided',
  },
};

export type ReturnStep = {
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

/**
 * Amounts of a step as the buyer saw the order at checkout: in its currency with the conversion it
 * recorded beside them (decision 060); read by enqueueReturnMails.
 */
export type ConvertedAmounts = { amount: OrderTotal | null; refund: OrderTotal | null };

/** The step's mail to one side, in that person's language. */
export function returnMail(
  language: Language,
  step: ReturnStep,
  side: 'buyer' | 'seller',
  url: string,
  converted?: ConvertedAmounts,
): ReturnType<typeof render> | null {
  const said = STEPS[step.kind];
  const words = said?.[side];
  if (!said || !words) return null;
  const t = translator(language, 'mail-returns');
  const plain = (amount: { minor: number; currency: string }) => formatMoney(amount.minor, amount.currency, language);
  const money = (amount: { minor: number; currency: string }, total: OrderTotal | null | undefined) =>
    total ? orderTotalText(language, total) : plain(amount);
  const subject = t('subject', {
    title: t(said.title),
    number: step.number,
    orderNumber: step.orderNumber,
  });
  const extra: Block[] = [
    ...(step.amount
      ? [{ kind: 'p' as const, text: t('amount', { amount: money(step.amount, converted?.amount) }) }]
      : []),
    ...(step.returnParcel
      ? [
          {
            kind: 'p' as const,
            text: t('returnParcel', {
              carrier: step.returnParcel.carrier,
              trackingNumber: step.returnParcel.trackingNumber,
            }),
          },
        ]
      : []),
    ...(step.refusalReason ? [{ kind: 'p' as const, text: t('refusalReason', { reason: step.refusalReason }) }] : []),
    ...(step.decision
      ? [
          {
            kind: 'p' as const,
            text: step.decision.refund
              ? t('decisionRefund', { amount: money(step.decision.refund, converted?.refund) })
              : t('decisionNoRefund'),
          },
          { kind: 'p' as const, text: t('decisionReason', { reason: step.decision.reason }) },
        ]
      : []),
  ];
  return render(language, subject, [
    { kind: 'p', text: t(words) },
    ...extra,
    { kind: 'button', label: t(side === 'buyer' ? 'buyerButton' : 'sellerButton'), url },
  ]);
}

/** Mails the step to the buyer and the seller; returns the outbox ids to dispatch after commit. */
export async function enqueueReturnMails(
  ctx: AppContext,
  trx: Kysely<DB>,
  step: ReturnStep,
): Promise<Array<string | null>> {
  const words = STEPS[step.kind];
  if (!words) return [];
  const kind = step.kind === 'refunded' ? 'order_receipts' : 'order_updates';
  const ids: Array<string | null> = [];
  if (words.buyer && step.buyerUserId) {
    const to = await activeContactOf(trx, step.buyerUserId);
    // The buyer reads amounts with the conversion they saw at checkout beside them.
    const [amount = null, refund = null] = to
      ? await orderAmountsOf(trx, step.orderId, [step.amount ?? null, step.decision?.refund ?? null])
      : [];
    const converted = to && { amount, refund };
    const mail =
      to &&
      returnMail(
        to.language,
        step,
        'buyer',
        `${ctx.config.publicUrl}/account/orders/${step.orderId}`,
        converted ?? undefined,
      );
    if (to && mail) ids.push(await ctx.mail.enqueue(trx, { to: to.email, userId: to.id, kind, mail }));
  }
  if (words.seller) {
    const owner = await trx.selectNoFrom(ownerOfStore(sql.val(step.storeId)).as('owner')).executeTakeFirst();
    const to = owner?.owner ? await activeContactOf(trx, owner.owner) : undefined;
    const mail = to && returnMail(to.language, step, 'seller', `${ctx.config.publicUrl}/seller/orders?status=all`);
    if (to && mail)
      ids.push(await ctx.mail.enqueue(trx, { to: to.email, userId: to.id, kind: 'order_receipts', mail }));
  }
  return ids;
}
