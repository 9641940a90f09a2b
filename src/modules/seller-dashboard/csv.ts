// The accounting export (issue 19, decision 055): one CSV line per order line of the store's paid
// orders placed in a date range. Read in batches (keyset paging) and written as it is read, so a
// range of 100,000 orders neither waits nor sits in memory. Only what accounting needs: the order's
// number, dates, status, destination country, amounts in minor units with the currency; never the
// buyer's name or address, and an erased buyer's orders (anonymised, decision 012) read the same.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { accountingLinesOf, type AccountingCursor, type AccountingLine } from '../orders/index.ts';
import { refundedOf } from '../returns/index.ts';

const BATCH = 1000;

export const CSV_HEADER = [
  'order_number',
  'status',
  'placed_at',
  'paid_at',
  'shipped_at',
  'cancelled_at',
  'buyer_country',
  'line',
  'title',
  'variant',
  'quantity',
  'unit_price_minor',
  'line_total_minor',
  'order_items_minor',
  'order_shipping_minor',
  'order_discount_minor',
  'order_total_minor',
  'refunded_minor',
  'currency',
] as const;

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would read as a formula (=, +, -, @, a tab or a
 * carriage return first) gets a leading apostrophe, so a product title cannot run in the seller's
 * accounting sheet (OWASP "CSV injection").
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const time = (t: Date | null) => (t === null ? null : t.toISOString());

function csvLine(l: AccountingLine, refunded: number): string {
  return `${[
    l.number,
    l.status,
    time(l.placed_at),
    time(l.paid_at),
    time(l.shipped_at),
    time(l.cancelled_at),
    l.ship_country,
    l.position + 1,
    l.title,
    l.variant_label,
    l.quantity,
    l.unit_price_minor,
    l.unit_price_minor * l.quantity,
    l.items_minor,
    l.shipping_minor,
    l.discount_minor,
    l.total_minor,
    // The order's refunds through returns and disputes that succeeded (an order's value, as the
    // order_* columns); a paid order cancelled before shipping is refunded whole (its status says so).
    refunded,
    l.currency,
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

/** The CSV text, a batch of lines at a time. */
export async function* ordersCsv(
  db: Kysely<DB>,
  storeId: string,
  range: { from: Date; until: Date },
): AsyncGenerator<string> {
  yield `${CSV_HEADER.join(',')}\r\n`;
  let cursor: AccountingCursor | null = null;
  for (;;) {
    const lines = await accountingLinesOf(db, storeId, range, cursor, BATCH);
    if (lines.length > 0) {
      const refunded = await refundedOf(db, [...new Set(lines.map((l) => l.order_id))]);
      yield lines.map((l) => csvLine(l, refunded.get(l.order_id) ?? 0)).join('');
    }
    if (lines.length < BATCH) return;
    const last = lines[lines.length - 1]!;
    cursor = { placedAt: last.placed_at, orderId: last.order_id, position: last.position };
  }
}
