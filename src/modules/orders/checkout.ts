// Checkout: quoting the cart per seller, placing it — stock reserved at once (never below zero: the
// stock update is conditional and rows are locked in id order), one order per seller, the cart
// cleared — and payment taken right after (payment.ts); a checkout that stays unpaid for
// UNPAID_MINUTES is cancelled by a job (service.ts).
import { sql, type Insertable, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, OrdersTable } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { readableCode } from '../../tokens.ts';
import { findAddress, createAddress, type AddressInput } from '../addresses/index.ts';
import { holdActiveAccount } from '../accounts/index.ts';
import { cartProductIdsOf, emptyCartOf, readCartLines, unitPriceOf } from '../cart/index.ts';
import { lockProducts, takeStock } from '../catalog/index.ts';
import { convertMinor, formatRate, ratesOfSet, type RecordedRates } from '../currency/index.ts';
import { attemptPayment, confirmOpenAttempt, type PaymentOutcome } from './charges.ts';
import { buildQuote, groupTotal, ratesFor, type Quote } from './quote.ts';
import type { ExpectedTotalSchema, NewAddress } from './schemas.ts';
import type { FromSchema } from '../../schemas.ts';
import { paymentToken, type PaymentChoice } from './payment.ts';
import { isUniqueViolation } from './repository.ts';
import { cancelOrder } from './fulfilment.ts';

export const UNPAID_MINUTES = 30;

export async function quoteCart(db: Kysely<DB>, userId: string, country: string): Promise<Quote> {
  // Read for the country, so each line that cannot reach it is flagged (not_shippable).
  const lines = await readCartLines(db, { userId }, country);
  const rates = await ratesFor(db, [...new Set(lines.map((l) => l.shipping_profile_id))], country);
  return buildQuote(lines, rates, country);
}

export type PlaceInput = {
  idempotencyKey: string;
  address: { addressId: string } | { address: NewAddress };
  payment: PaymentChoice;
  expectedTotal: FromSchema<typeof ExpectedTotalSchema>;
  /** The currency the buyer saw prices in and the rate set that converted them (decision 060). */
  display?: { currency: string; rateSetId: string };
};

export const newOrderNumber = (): string => `SK-${readableCode(8)}`;

/** Resolves the card to charge (tokenizing a new one first: nothing is written for a bad card). */
export async function placeCheckout(
  ctx: AppContext,
  userId: string,
  input: PlaceInput,
  beforePlacing?: () => Promise<void>,
): Promise<{ checkoutId: string; payment: PaymentOutcome | null }> {
  const { db } = ctx;
  const existing = await db
    .selectFrom('checkouts')
    .select('id')
    .where('buyer_user_id', '=', userId)
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (existing) return { checkoutId: existing.id, payment: await confirmOpenAttempt(ctx, existing.id) };
  await beforePlacing?.();

  // Validate everything that needs no lock first.
  let shipTo: AddressInput;
  let saveAddress = false;
  if ('addressId' in input.address) {
    const saved = await findAddress(db, userId, input.address.addressId);
    if (!saved) throw new AppError('NOT_FOUND', { message: 'This saved address was not found.' });
    shipTo = {
      fullName: saved.full_name,
      line1: saved.line1,
      line2: saved.line2,
      city: saved.city,
      region: saved.region,
      postalCode: saved.postal_code,
      country: saved.country,
      phone: saved.phone,
    };
  } else {
    const { save, ...address } = input.address.address;
    shipTo = address;
    saveAddress = save === true;
  }
  // The rates the buyer saw: refused (400 unknown, 409 replaced and stale) before a card is tokenized.
  const display: RecordedRates | null = input.display
    ? await ratesOfSet(db, {
        setId: input.display.rateSetId,
        displayCurrency: input.display.currency,
        currency: input.expectedTotal.currency,
        staleDays: ctx.config.rates.staleDays,
      })
    : null;
  const payment = await paymentToken(ctx, userId, input.payment);

  let checkoutId: string;
  try {
    checkoutId = await db.transaction().execute(async (trx) => {
      // The account must still be active, and stays so until this commits: a deletion request takes
      // this row FOR UPDATE, so it waits for the order and then sees it as a blocker (decision 017).
      if (!(await holdActiveAccount(trx, userId))) throw new AppError('UNAUTHENTICATED');
      await lockProducts(trx, await cartProductIdsOf(trx, userId));
      const lines = await readCartLines(trx, { userId });
      const rates = await ratesFor(trx, [...new Set(lines.map((l) => l.shipping_profile_id))], shipTo.country);
      const quote = buildQuote(lines, rates, shipTo.country);
      const problem = quote.problems[0];
      if (problem) {
        const line = problem.productId ? lines.find((l) => l.product_id === problem.productId) : undefined;
        const title = line?.title;
        const store = problem.storeId ? quote.groups.find((g) => g.storeId === problem.storeId)?.storeName : undefined;
        throw new AppError(problem.code, {
          ...(title
            ? {
                message:
                  problem.code === 'OUT_OF_STOCK'
                    ? `Not enough stock of "${title}".`
                    : problem.code === 'VARIANT_NOT_CHOSEN'
                      ? `"${title}" now comes in options: choose its ${(line?.option_names ?? []).join(' and ').toLowerCase()} on its page first.`
                      : `"${title}" is no longer available.`,
              }
            : {}),
          ...(store && problem.code === 'NOT_SHIPPABLE' ? { message: `${store} does not ship to this country.` } : {}),
        });
      }
      if (quote.totalMinor !== input.expectedTotal.amount || quote.currency !== input.expectedTotal.currency)
        throw new AppError('TOTAL_CHANGED');

      // In id order (products, then variants), as the locks are taken: no two checkouts deadlock.
      const byId = (a: (typeof lines)[number], b: (typeof lines)[number]) =>
        a.product_id === b.product_id
          ? (a.variant_id ?? '').localeCompare(b.variant_id ?? '')
          : a.product_id < b.product_id
            ? -1
            : 1;
      for (const line of [...lines].sort(byId)) {
        if (!(await takeStock(trx, line.product_id, line.variant_id, line.quantity)))
          throw new AppError('OUT_OF_STOCK', {
            message: `Not enough stock of "${line.title}"${line.variant_label ? ` (${line.variant_label})` : ''}.`,
          });
      }

      const checkout = await trx
        .insertInto('checkouts')
        .values({
          buyer_user_id: userId,
          idempotency_key: input.idempotencyKey,
          currency: quote.currency!,
          total_minor: quote.totalMinor,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const group of quote.groups) {
        const order = await insertOrder(trx, {
          number: newOrderNumber(),
          checkout_id: checkout.id,
          buyer_user_id: userId,
          store_id: group.storeId,
          currency: group.currency,
          items_minor: group.itemsMinor,
          discount_minor: group.discountMinor,
          shipping_minor: group.shippingMinor!,
          total_minor: groupTotal(group),
          ship_full_name: shipTo.fullName.trim(),
          ship_line1: shipTo.line1.trim(),
          ship_line2: blank(shipTo.line2),
          ship_city: shipTo.city.trim(),
          ship_region: blank(shipTo.region),
          ship_postal_code: blank(shipTo.postalCode),
          ship_country: shipTo.country,
          ship_phone: blank(shipTo.phone),
          delivery_min_days: group.minDays,
          delivery_max_days: group.maxDays,
          ...conversionColumns(display, groupTotal(group)),
        });
        await trx
          .insertInto('order_items')
          .values(
            group.lines.map((l, position) => ({
              order_id: order,
              position,
              product_id: l.product_id,
              variant_id: l.variant_id,
              variant_label: l.variant_label,
              title: l.title,
              quantity: l.quantity,
              unit_price_minor: unitPriceOf(l),
              list_price_minor: l.price_minor,
            })),
          )
          .execute();
      }
      await emptyCartOf(trx, userId);
      if (saveAddress) await createAddress(trx, userId, shipTo);
      if (payment.saveIn) await payment.saveIn(trx);
      return checkout.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'checkouts_buyer_user_id_idempotency_key_key')) {
      const again = await db
        .selectFrom('checkouts')
        .select('id')
        .where('buyer_user_id', '=', userId)
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirstOrThrow();
      return { checkoutId: again.id, payment: null };
    }
    throw error;
  }
  return { checkoutId, payment: await attemptPayment(ctx, checkoutId, payment.token) };
}

/** What an order records of the conversion its buyer saw; nothing when none was shown. */
function conversionColumns(rates: RecordedRates | null, totalMinor: number) {
  if (!rates) return {};
  return {
    display_currency: rates.to.currency,
    rate_set_id: rates.setId,
    rate_from: formatRate(rates.from.rate),
    rate_to: formatRate(rates.to.rate),
    rates_as_of: rates.asOf,
    display_total_minor: convertMinor(totalMinor, rates.from, rates.to),
  };
}

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

async function insertOrder(trx: Kysely<DB>, values: Insertable<OrdersTable>): Promise<string> {
  // Order numbers are random (32^8); a collision just draws another.
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`savepoint order_number`.execute(trx);
      const row = await trx.insertInto('orders').values(values).returning('id').executeTakeFirstOrThrow();
      await sql`release savepoint order_number`.execute(trx);
      return row.id;
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error, 'orders_number_key')) throw error;
      await sql`rollback to savepoint order_number`.execute(trx);
      values.number = newOrderNumber();
    }
  }
}

/** Pays a checkout that is still awaiting payment, with a saved or a new card. */
export async function expireUnpaidCheckouts(ctx: AppContext): Promise<number> {
  const stale = await ctx.db
    .selectFrom('orders as o')
    .innerJoin('checkouts as c', 'c.id', 'o.checkout_id')
    .select('o.id')
    .where('c.status', '=', 'awaiting_payment')
    .where('c.created_at', '<', sql<Date>`now() - make_interval(mins => ${UNPAID_MINUTES})`)
    .where((eb) => eb.or([eb('c.paying_until', 'is', null), eb('c.paying_until', '<', sql<Date>`now()`)]))
    // A payment without an outcome is confirmed first (reconcilePayments): it may have charged.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('payments as p')
            .select('p.id')
            .whereRef('p.checkout_id', '=', 'c.id')
            .where('p.status', '=', 'pending'),
        ),
      ),
    )
    .where('o.status', '=', 'awaiting_payment')
    .limit(500)
    .execute();
  for (const order of stale) {
    try {
      await cancelOrder(ctx, order.id, 'system', {});
    } catch (error) {
      if (!(error instanceof AppError && (error.code === 'ORDER_STATE' || error.code === 'PAYMENT_PENDING')))
        throw error;
    }
  }
  return stale.length;
}
