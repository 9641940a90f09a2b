// Order mails. Each goes to the account's current address, only while the account is active:
// an erased or deactivated buyer gets nothing more. Receipts (placed, paid, cancelled) are
// always sent; shipping updates respect the buyer's "Shipping updates" switch.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/types.ts';
import { formatMoney } from '../../lib/money.ts';
import { activeContactOf } from '../accounts/index.ts';
import { nameOfStore } from '../catalog/index.ts';
import { convertMinor, formatCrossRate, parseRate } from '../currency/index.ts';
import { render } from '../mail/index.ts';
import type { NotificationKind } from '../mail/index.ts';

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
export function orderTotalText(o: OrderTotal): string {
  const charged = formatMoney(o.total_minor, o.currency);
  if (o.display_currency === null || o.display_total_minor === null) return charged;
  const cross = formatCrossRate(parseRate(o.rate_from!)!, parseRate(o.rate_to!)!);
  return `${charged} (≈ ${formatMoney(o.display_total_minor, o.display_currency)} at 1 ${o.currency} = ${cross} ${o.display_currency}, rates of ${o.rates_as_of})`;
}

/**
 * An amount of an order (a refund, in the order's currency) as its mails show it: beside it, the same
 * amount converted with the rates the order recorded at checkout, when the buyer saw it converted.
 */
export async function orderAmountText(
  db: Kysely<DB>,
  orderId: string,
  amount: { minor: number; currency: string },
): Promise<string> {
  const { rows } = await sql<OrderTotal>`select ${ORDER_TOTAL_COLUMNS} from orders o where o.id = ${orderId}`.execute(
    db,
  );
  const order = rows[0];
  if (!order || order.display_currency === null || order.currency !== amount.currency)
    return formatMoney(amount.minor, amount.currency);
  const from = { currency: order.currency, rate: parseRate(order.rate_from!)! };
  const to = { currency: order.display_currency, rate: parseRate(order.rate_to!)! };
  return orderTotalText({
    ...order,
    total_minor: amount.minor,
    display_total_minor: convertMinor(amount.minor, from, to),
  });
}

/** The columns of OrderTotal, read exactly. */
export const ORDER_TOTAL_COLUMNS = sql<OrderTotal>`o.total_minor, o.currency, o.display_total_minor, o.display_currency,
  o.rate_from::text as rate_from, o.rate_to::text as rate_to, o.rates_as_of::text as rates_as_of`;

export const orderMailTemplates = {
  placed: (p: { orders: OrderLine[]; paid: boolean; ordersUrl: string }) =>
    render(
      p.paid
        ? `Order confirmed: ${p.orders.map((o) => o.number).join(', ')}`
        : `Order placed, awaiting payment: ${p.orders.map((o) => o.number).join(', ')}`,
      [
        {
          kind: 'p',
          text: p.paid
            ? 'Thank you: your order is placed and paid. Each seller ships their part separately.'
            : 'Your order is placed. We could not take the payment yet: pay within 30 minutes or the order is cancelled.',
        },
        ...p.orders.map((o) => ({
          kind: 'p' as const,
          text: `Order ${o.number} from ${o.store_name}: ${orderTotalText(o)}`,
        })),
        { kind: 'button', label: 'See your orders', url: p.ordersUrl },
      ],
    ),
  paid: (p: { orders: OrderLine[]; ordersUrl: string }) =>
    render(`Payment received: ${p.orders.map((o) => o.number).join(', ')}`, [
      { kind: 'p', text: 'We received your payment. The sellers have been told to ship.' },
      ...p.orders.map((o) => ({
        kind: 'p' as const,
        text: `Order ${o.number} from ${o.store_name}: ${orderTotalText(o)}`,
      })),
      { kind: 'button', label: 'See your orders', url: p.ordersUrl },
    ]),
  shipped: (p: { number: string; storeName: string; carrier: string; trackingNumber: string; trackUrl: string }) =>
    render(`Your order ${p.number} has shipped`, [
      { kind: 'p', text: `${p.storeName} shipped your order ${p.number} with ${p.carrier}.` },
      { kind: 'p', text: `Tracking number: ${p.trackingNumber}` },
      { kind: 'button', label: 'Track your parcel', url: p.trackUrl },
      {
        kind: 'small',
        text: 'Anyone with the tracking number can follow the parcel; the tracking page shows no name or address.',
      },
    ]),
  delivered: (p: { number: string; storeName: string; orderUrl: string }) =>
    render(`Your order ${p.number} was delivered`, [
      { kind: 'p', text: `Your order ${p.number} from ${p.storeName} was delivered.` },
      { kind: 'button', label: 'See the order', url: p.orderUrl },
    ]),
  cancelled: (p: {
    number: string;
    storeName: string;
    by: 'buyer' | 'seller' | 'system';
    refunded: boolean;
    total: string;
  }) =>
    render(`Order ${p.number} was cancelled`, [
      {
        kind: 'p',
        text:
          p.by === 'buyer'
            ? `You cancelled your order ${p.number} from ${p.storeName}.`
            : p.by === 'seller'
              ? `${p.storeName} cancelled your order ${p.number}.`
              : `Your order ${p.number} from ${p.storeName} was cancelled because it was not paid in time.`,
      },
      {
        kind: 'p',
        text: p.refunded ? `${p.total} will be refunded to the card you paid with.` : 'You were not charged.',
      },
    ]),
  newOrder: (p: { number: string; total: string; sellerUrl: string }) =>
    render(`New paid order ${p.number}`, [
      { kind: 'p', text: `Order ${p.number} (${p.total}) is paid and ready to ship.` },
      { kind: 'button', label: 'Open the seller center', url: p.sellerUrl },
    ]),
};

type Recipient = { id: string; email: string };

/** The active account behind a user id, or undefined (erased, deactivated). */
async function activeRecipient(db: Kysely<DB>, userId: string | null): Promise<Recipient | undefined> {
  if (!userId) return undefined;
  return activeContactOf(db, userId);
}

/** Writes a mail to the outbox inside the caller's transaction; returns the ids to dispatch after commit. */
export async function enqueueOrderMail(
  ctx: AppContext,
  trx: Kysely<DB>,
  userId: string | null,
  kind: NotificationKind,
  mail: ReturnType<(typeof orderMailTemplates)[keyof typeof orderMailTemplates]>,
): Promise<string | null> {
  const to = await activeRecipient(trx, userId);
  if (!to) return null;
  return ctx.mail.enqueue(trx, { to: to.email, userId: to.id, kind, mail });
}

export async function ordersOfCheckout(db: Kysely<DB>, checkoutId: string): Promise<OrderLine[]> {
  const result = await sql<OrderLine>`
    select o.number, ${nameOfStore(sql.ref('o.store_id'))} as store_name, ${ORDER_TOTAL_COLUMNS}
    from orders o
    where o.checkout_id = ${checkoutId} order by o.number`.execute(db);
  return result.rows;
}
