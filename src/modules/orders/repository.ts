// Order reads for buyers, sellers and the public tracking page. Each view is one query.
import { sql, type Kysely } from 'kysely';
import type { DB, OrderStatus, ShipmentStatus } from '../../db/types.ts';
import { money } from '../../lib/money.ts';
import { nameOfStore, productImageUrl } from '../catalog/index.ts';
import { formatCrossRate, formatRate, parseRate } from '../currency/index.ts';

export type OrderScope = { buyerUserId: string } | { storeId: string } | { checkoutId: string; buyerUserId: string };

type ItemJson = {
  product_id: string | null;
  variant_id: string | null;
  variant_label: string | null;
  title: string;
  quantity: number;
  unit_price_minor: number;
  list_price_minor: number;
};
type EventJson = { status: ShipmentStatus; occurred_at: string };

export type OrderRow = {
  id: string;
  number: string;
  checkout_id: string;
  status: OrderStatus;
  store_id: string;
  store_name: string;
  currency: string;
  items_minor: number;
  discount_minor: number;
  shipping_minor: number;
  total_minor: number;
  ship_full_name: string;
  ship_line1: string;
  ship_line2: string | null;
  ship_city: string;
  ship_region: string | null;
  ship_postal_code: string | null;
  ship_country: string;
  ship_phone: string | null;
  delivery_min_days: number;
  delivery_max_days: number;
  cancelled_by: 'buyer' | 'seller' | 'system' | null;
  placed_at: Date;
  paid_at: Date | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
  tracking_number: string | null;
  carrier: string | null;
  shipment_status: ShipmentStatus | null;
  items: ItemJson[];
  events: EventJson[] | null;
  display_currency: string | null;
  rate_set_id: string | null;
  /** numeric(24,12) as text: exact. */
  rate_from: string | null;
  rate_to: string | null;
  rates_as_of: string | null;
  display_total_minor: number | null;
};

function scopeCondition(scope: OrderScope) {
  if ('checkoutId' in scope) return sql`o.checkout_id = ${scope.checkoutId} and o.buyer_user_id = ${scope.buyerUserId}`;
  if ('storeId' in scope) return sql`o.store_id = ${scope.storeId}`;
  return sql`o.buyer_user_id = ${scope.buyerUserId}`;
}

function ordersQuery(db: Kysely<DB>, where: ReturnType<typeof sql>, tail: ReturnType<typeof sql>) {
  return sql<OrderRow>`
    select o.id, o.number, o.checkout_id, o.status, o.store_id, ${nameOfStore(sql.ref('o.store_id'))} as store_name, o.currency, o.items_minor, o.discount_minor,
      o.shipping_minor, o.total_minor, o.ship_full_name, o.ship_line1, o.ship_line2, o.ship_city, o.ship_region, o.ship_postal_code,
      o.ship_country, o.ship_phone, o.delivery_min_days, o.delivery_max_days, o.cancelled_by, o.placed_at, o.paid_at, o.shipped_at,
      o.delivered_at, o.cancelled_at, o.display_currency, o.rate_set_id, o.rate_from::text as rate_from, o.rate_to::text as rate_to,
      o.rates_as_of::text as rates_as_of, o.display_total_minor, sh.tracking_number, sh.carrier, sh.status as shipment_status,
      (select json_agg(json_build_object('product_id', i.product_id, 'variant_id', i.variant_id, 'variant_label', i.variant_label, 'title', i.title, 'quantity', i.quantity,
          'unit_price_minor', i.unit_price_minor, 'list_price_minor', i.list_price_minor) order by i.position)
        from order_items i where i.order_id = o.id) as items,
      (select json_agg(json_build_object('status', e.status, 'occurred_at', e.occurred_at) order by e.occurred_at, e.id)
        from tracking_events e where e.shipment_id = sh.id) as events
    from orders o
    left join shipments sh on sh.order_id = o.id
    where ${where}
    ${tail}`.execute(db);
}

export async function findOrder(db: Kysely<DB>, id: string, scope: OrderScope): Promise<OrderRow | undefined> {
  const result = await ordersQuery(db, sql`o.id = ${id} and ${scopeCondition(scope)}`, sql``);
  return result.rows[0];
}

export async function listOrders(
  db: Kysely<DB>,
  scope: OrderScope,
  options: { status?: OrderStatus; page: number; pageSize: number },
): Promise<{ rows: OrderRow[]; total: number }> {
  const where = options.status ? sql`${scopeCondition(scope)} and o.status = ${options.status}` : scopeCondition(scope);
  const [page, count] = await Promise.all([
    ordersQuery(
      db,
      where,
      sql`order by o.placed_at desc, o.id limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`,
    ),
    sql<{ n: number }>`select count(*)::int as n from orders o where ${where}`.execute(db),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The conversion the buyer saw at checkout (decision 060), rates as their shortest decimals. */
function convertedView(row: OrderRow) {
  if (row.display_currency === null || row.display_total_minor === null) return null;
  const from = parseRate(row.rate_from!)!;
  const to = parseRate(row.rate_to!)!;
  return {
    total: money(row.display_total_minor, row.display_currency),
    rateSetId: row.rate_set_id!,
    rate: {
      from: { currency: row.currency, rate: formatRate(from) },
      to: { currency: row.display_currency, rate: formatRate(to) },
      crossRate: formatCrossRate(from, to),
    },
    ratesAsOf: row.rates_as_of!,
  };
}

export function orderView(row: OrderRow, audience: 'buyer' | 'seller') {
  const m = (amount: number) => money(amount, row.currency);
  return {
    id: row.id,
    number: row.number,
    checkoutId: row.checkout_id,
    status: row.status,
    store: { id: row.store_id, name: row.store_name },
    items: row.items.map((i) => ({
      productId: i.product_id,
      variantId: i.variant_id,
      variantLabel: i.variant_label,
      title: i.title,
      imageUrl: i.product_id ? productImageUrl(i.product_id, 0) : null,
      quantity: i.quantity,
      unitPrice: m(i.unit_price_minor),
      listPrice: i.list_price_minor > i.unit_price_minor ? m(i.list_price_minor) : null,
      lineTotal: m(i.unit_price_minor * i.quantity),
    })),
    itemsTotal: m(row.items_minor),
    discount: m(row.discount_minor),
    shipping: m(row.shipping_minor),
    total: m(row.total_minor),
    shipTo: {
      fullName: row.ship_full_name,
      line1: row.ship_line1,
      line2: row.ship_line2,
      city: row.ship_city,
      region: row.ship_region,
      postalCode: row.ship_postal_code,
      country: row.ship_country,
      phone: row.ship_phone,
    },
    delivery: { minDays: row.delivery_min_days, maxDays: row.delivery_max_days },
    placedAt: iso(row.placed_at)!,
    paidAt: iso(row.paid_at),
    shippedAt: iso(row.shipped_at),
    deliveredAt: iso(row.delivered_at),
    cancelledAt: iso(row.cancelled_at),
    cancelledBy: row.cancelled_by,
    shipment: row.tracking_number
      ? {
          trackingNumber: row.tracking_number,
          carrier: row.carrier!,
          status: row.shipment_status!,
          events: (row.events ?? []).map((e) => ({ status: e.status, at: iso(e.occurred_at)! })),
        }
      : null,
    canCancel: row.status === 'awaiting_payment' || row.status === 'paid',
    canShip: audience === 'seller' && row.status === 'paid',
    converted: convertedView(row),
  };
}

export type TrackingRow = {
  tracking_number: string;
  carrier: string;
  status: ShipmentStatus;
  destination_country: string;
  shipped_at: Date | null;
  delivery_min_days: number;
  delivery_max_days: number;
  events: EventJson[] | null;
};

/** The public face of a shipment: nothing about the buyer, only the parcel. */
export async function findTracking(db: Kysely<DB>, trackingNumber: string): Promise<TrackingRow | undefined> {
  const result = await sql<TrackingRow>`
    select sh.tracking_number, sh.carrier, sh.status, sh.destination_country, o.shipped_at, o.delivery_min_days, o.delivery_max_days,
      (select json_agg(json_build_object('status', e.status, 'occurred_at', e.occurred_at) order by e.occurred_at, e.id)
        from tracking_events e where e.shipment_id = sh.id) as events
    from shipments sh
    join orders o on o.id = sh.order_id
    where sh.tracking_number = ${trackingNumber}`.execute(db);
  return result.rows[0];
}

/** Whether `error` is PostgreSQL's unique violation (of `constraint`, when given). */
export const isUniqueViolation = (error: unknown, constraint?: string) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: string }).code === '23505' &&
  (constraint === undefined || (error as { constraint?: string }).constraint === constraint);
