// Order mails. Each goes to the account's current address, only while the account is active:
// an erased or deactivated buyer gets nothing more. Receipts (placed, paid, cancelled) are
// always sent; shipping updates respect the buyer's "Shipping updates" switch.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/types.ts';
import { translator } from '../../i18n/index.ts';
import type { Language } from '../../lib/languages.ts';
import { formatDay } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/money.ts';
import { activeContactOf } from '../accounts/index.ts';
import { nameOfStore } from '../catalog/index.ts';
import { convertMinor, formatCrossRate, parseRate } from '../currency/index.ts';
import { render } from '../mail/index.ts';
import type { NotificationKind } from '../mail/index.ts';

type Amount = { minor: number; currency: string };

/** An order's charged total and, when the buyer saw it converted, the conversion it records (decision 060). */
export type OrderTotal = {
  total_minor: number;
  currency: string;
  display_total_minor: number | null;
  display_currency: string | null;
  /** numeric as text: exact. */
  rate_from: string | null;
  rate_to: string | null;
  rates_as_of: string | null;
};

type OrderLine = OrderTotal & { number: string; store_name: string };

/** The charged total, and beside it the converted one the buyer saw with its rate and the rates' day. */
export function orderTotalText(language: Language, o: OrderTotal): string {
  const charged = formatMoney(o.total_minor, o.currency, language);
  if (o.display_currency === null || o.display_total_minor === null) return charged;
  const t = translator(language, 'mail-orders');
  return t('converted', {
    charged,
    converted: formatMoney(o.display_total_minor, o.display_currency, language),
    from: o.currency,
    rate: formatCrossRate(parseRate(o.rate_from!)!, parseRate(o.rate_to!)!),
    to: o.display_currency,
    day: o.rates_as_of === null ? '' : formatDay(new Date(`${o.rates_as_of}T00:00:00Z`), language),
  });
}

/**
 * Amounts of an order (a refund, in the order's currency) as its mails show them: each with the same
 * amount converted with the rates the order recorded at checkout, when the buyer saw it converted.
 * One read of the order for all of them; null stays null.
 */
export async function orderAmountsOf(
  db: Kysely<DB>,
  orderId: string,
  amounts: ReadonlyArray<Amount | null>,
): Promise<Array<OrderTotal | null>> {
  if (amounts.every((amount) => amount === null)) return amounts.map(() => null);
  const { rows } = await sql<OrderTotal>`select ${ORDER_TOTAL_COLUMNS} from orders o where o.id = ${orderId}`.execute(
    db,
  );
  const order = rows[0];
  return amounts.map((amount) => {
    if (amount === null) return null;
    const plain = { ...NOT_CONVERTED, total_minor: amount.minor, currency: amount.currency };
    if (!order || order.display_currency === null || order.currency !== amount.currency) return plain;
    const from = { currency: order.currency, rate: parseRate(order.rate_from!)! };
    const to = { currency: order.display_currency, rate: parseRate(order.rate_to!)! };
    const converted = convertMinor(amount.minor, from, to);
    return converted === null ? plain : { ...order, total_minor: amount.minor, display_total_minor: converted };
  });
}

const NOT_CONVERTED = {
  display_total_minor: null,
  display_currency: null,
  rate_from: null,
  rate_to: null,
  rates_as_of: null,
} as const;

/** The columns of OrderTotal, read exactly. */
export const ORDER_TOTAL_COLUMNS = sql<OrderTotal>`o.total_minor, o.currency, o.display_total_minor, o.display_currency,
  o.rate_from::text as rate_from, o.rate_to::text as rate_to, o.rates_as_of::text as rates_as_of`;

const lines = (language: Language, orders: OrderLine[]) => {
  const t = translator(language, 'mail-orders');
  return orders.map((o) => ({
    kind: 'p' as const,
    text: t('line', { number: o.number, storeName: o.store_name, total: orderTotalText(language, o) }),
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
    p: { number: string; storeName: string; by: 'buyer' | 'seller' | 'system'; refunded: boolean; total: OrderTotal },
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
          ? t('cancelled.refunded', { total: orderTotalText(language, p.total) })
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
    select o.number, ${nameOfStore(sql.ref('o.store_id'))} as store_name, ${ORDER_TOTAL_COLUMNS}
    from orders o
    where o.checkout_id = ${checkoutId} order by o.number`.execute(db);
  return result.rows;
}
