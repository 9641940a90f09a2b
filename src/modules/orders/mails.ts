// Order mails. Each goes to the account's current address, only while the account is active:
// an erased or deactivated buyer gets nothing more. Receipts (placed, paid, cancelled) are
// always sent; shipping updates respect the buyer's "Shipping updates" switch.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/types.ts';
import { translator } from '../../i18n/index.ts';
import type { Language } from '../../lib/languages.ts';
import { formatMoney } from '../../lib/money.ts';
import { activeContactOf } from '../accounts/index.ts';
import { nameOfStore } from '../catalog/index.ts';
import { render } from '../mail/index.ts';
import type { NotificationKind } from '../mail/index.ts';

type OrderLine = { number: string; store_name: string; total_minor: number; currency: string };
type Amount = { minor: number; currency: string };

const lines = (language: Language, orders: OrderLine[]) => {
  const t = translator(language, 'mail-orders');
  return orders.map((o) => ({
    kind: 'p' as const,
    text: t('line', {
      number: o.number,
      storeName: o.store_name,
      total: formatMoney(o.total_minor, o.currency, language),
    }),
  }));
};
const numbersOf = (orders: OrderLine[]) => orders.map((o) => o.number).join(', ');

export const orderMailTemplates = {
  placed: (language: Language, p: { orders: OrderLine[]; paid: boolean; ordersUrl: string }) => {
    const t = translator(language, 'mail-orders');
    const numbers = numbersOf(p.orders);
    return render(
      language,
      p.paid ? t('placed.subjectPaid', { numbers }) : t('placed.subjectAwaitingPayment', { numbers }),
      [
        { kind: 'p', text: p.paid ? t('placed.paid') : t('placed.awaitingPayment') },
        ...lines(language, p.orders),
        { kind: 'button', label: t('seeOrders'), url: p.ordersUrl },
      ],
    );
  },
  paid: (language: Language, p: { orders: OrderLine[]; ordersUrl: string }) => {
    const t = translator(language, 'mail-orders');
    return render(language, t('paid.subject', { numbers: numbersOf(p.orders) }), [
      { kind: 'p', text: t('paid.received') },
      ...lines(language, p.orders),
      { kind: 'button', label: t('seeOrders'), url: p.ordersUrl },
    ]);
  },
  shipped: (
    language: Language,
    p: { number: string; storeName: string; carrier: string; trackingNumber: string; trackUrl: string },
  ) => {
    const t = translator(language, 'mail-orders');
    return render(language, t('shipped.subject', { number: p.number }), [
      { kind: 'p', text: t('shipped.shipped', { storeName: p.storeName, number: p.number, carrier: p.carrier }) },
      { kind: 'p', text: t('shipped.trackingNumber', { trackingNumber: p.trackingNumber }) },
      { kind: 'button', label: t('shipped.button'), url: p.trackUrl },
      { kind: 'small', text: t('shipped.privacy') },
    ]);
  },
  delivered: (language: Language, p: { number: string; storeName: string; orderUrl: string }) => {
    const t = translator(language, 'mail-orders');
    return render(language, t('delivered.subject', { number: p.number }), [
      { kind: 'p', text: t('delivered.delivered', { number: p.number, storeName: p.storeName }) },
      { kind: 'button', label: t('delivered.button'), url: p.orderUrl },
    ]);
  },
  cancelled: (
    language: Language,
    p: { number: string; storeName: string; by: 'buyer' | 'seller' | 'system'; refunded: boolean; total: Amount },
  ) => {
    const t = translator(language, 'mail-orders');
    const who = { number: p.number, storeName: p.storeName };
    return render(language, t('cancelled.subject', { number: p.number }), [
      {
        kind: 'p',
        text:
          p.by === 'buyer'
            ? t('cancelled.byBuyer', who)
            : p.by === 'seller'
              ? t('cancelled.bySeller', who)
              : t('cancelled.bySystem', who),
      },
      {
        kind: 'p',
        text: p.refunded
          ? t('cancelled.refunded', { total: formatMoney(p.total.minor, p.total.currency, language) })
          : t('cancelled.notCharged'),
      },
    ]);
  },
  newOrder: (language: Language, p: { number: string; total: Amount; sellerUrl: string }) => {
    const t = translator(language, 'mail-orders');
    return render(language, t('newOrder.subject', { number: p.number }), [
      {
        kind: 'p',
        text: t('newOrder.ready', { number: p.number, total: formatMoney(p.total.minor, p.total.currency, language) }),
      },
      { kind: 'button', label: t('newOrder.button'), url: p.sellerUrl },
    ]);
  },
};

/**
 * Writes a mail to the outbox inside the caller's transaction, in the recipient's language, while
 * their account is active (an erased or deactivated one gets nothing); returns the id to dispatch
 * after commit.
 */
export async function enqueueOrderMail(
  ctx: AppContext,
  trx: Kysely<DB>,
  userId: string | null,
  kind: NotificationKind,
  mail: (language: Language) => ReturnType<typeof render>,
): Promise<string | null> {
  const to = userId ? await activeContactOf(trx, userId) : undefined;
  if (!to) return null;
  return ctx.mail.enqueue(trx, { to: to.email, userId: to.id, kind, mail: mail(to.language) });
}

export async function ordersOfCheckout(db: Kysely<DB>, checkoutId: string): Promise<OrderLine[]> {
  const result = await sql<OrderLine>`
    select o.number, ${nameOfStore(sql.ref('o.store_id'))} as store_name, o.total_minor, o.currency
    from orders o
    where o.checkout_id = ${checkoutId} order by o.number`.execute(db);
  return result.rows;
}
