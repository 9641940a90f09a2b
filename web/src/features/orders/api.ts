// Orders for buyers and sellers, and public parcel tracking. Shapes follow the orders module's
// response schemas (src/modules/orders/schemas.ts).
import { request } from '../../api/client.ts';
import type { Address } from '../wallet/api.ts';
import type { Money } from '../catalog/api.ts';

export const ORDER_STATUSES = ['awaiting_payment', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const SHIPMENT_STATUSES = ['shipped', 'in_transit', 'out_for_delivery', 'delivered'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
/** The carrier scans a seller can add after shipping. */
export type TrackingEventStatus = Exclude<ShipmentStatus, 'shipped'>;

export type TrackingEvent = { status: ShipmentStatus; /** ISO date-time. */ at: string };

export type OrderItem = {
  productId: string | null;
  title: string;
  imageUrl: string | null;
  quantity: number;
  unitPrice: Money;
  /** The price before the discount, when there was one. */
  listPrice: Money | null;
  lineTotal: Money;
};

/** The shipping address as the order keeps it (a snapshot, not the saved address). */
export type ShipTo = Omit<Address, 'id' | 'isDefault'>;

export type Order = {
  id: string;
  number: string;
  checkoutId: string;
  status: OrderStatus;
  store: { id: string; name: string };
  items: OrderItem[];
  itemsTotal: Money;
  discount: Money;
  shipping: Money;
  total: Money;
  shipTo: ShipTo;
  delivery: { minDays: number; maxDays: number };
  /** ISO date-times. */
  placedAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  cancelledBy: 'buyer' | 'seller' | 'system' | null;
  shipment: { trackingNumber: string; carrier: string; status: ShipmentStatus; events: TrackingEvent[] } | null;
  canCancel: boolean;
  canShip: boolean;
};

export type OrderList = { items: Order[]; total: number; page: number; pageSize: number };

export type Tracking = {
  trackingNumber: string;
  carrier: string;
  status: ShipmentStatus;
  /** ISO 3166-1 alpha-2. */
  destinationCountry: string;
  shippedAt: string | null;
  /** Calendar dates (YYYY-MM-DD); null once delivered. */
  estimatedDelivery: { from: string; to: string } | null;
  events: TrackingEvent[];
};

export type OrderListQuery = { page?: number; pageSize?: number; status?: OrderStatus };

function listQueryString(query: OrderListQuery): string {
  const params = new URLSearchParams();
  if (query.page !== undefined && query.page > 1) params.set('page', String(query.page));
  if (query.pageSize !== undefined) params.set('pageSize', String(query.pageSize));
  if (query.status !== undefined) params.set('status', query.status);
  const qs = params.toString();
  return qs === '' ? '' : `?${qs}`;
}

const id = (value: string) => encodeURIComponent(value);

/** Tracking numbers as the server stores them: upper case, no spaces. */
export function normaliseTrackingNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The characters and length the tracking API accepts. */
export function isPlausibleTrackingNumber(raw: string): boolean {
  return /^[A-Za-z0-9 -]{1,60}$/.test(raw);
}

export const ordersApi = {
  listOrders: async (query: OrderListQuery, signal?: AbortSignal): Promise<OrderList> =>
    (await request('GET', `/api/orders${listQueryString(query)}`, undefined, signal)) as OrderList,
  getOrder: async (orderId: string, signal?: AbortSignal): Promise<Order> =>
    (await request('GET', `/api/orders/${id(orderId)}`, undefined, signal)) as Order,
  cancelOrder: async (orderId: string): Promise<Order> => (await request('POST', `/api/orders/${id(orderId)}/cancel`)) as Order,

  listSellerOrders: async (query: OrderListQuery, signal?: AbortSignal): Promise<OrderList> =>
    (await request('GET', `/api/seller/orders${listQueryString(query)}`, undefined, signal)) as OrderList,
  getSellerOrder: async (orderId: string, signal?: AbortSignal): Promise<Order> =>
    (await request('GET', `/api/seller/orders/${id(orderId)}`, undefined, signal)) as Order,
  shipOrder: async (orderId: string, input: { carrier: string; trackingNumber: string }): Promise<Order> =>
    (await request('POST', `/api/seller/orders/${id(orderId)}/ship`, input)) as Order,
  addTrackingEvent: async (orderId: string, status: TrackingEventStatus): Promise<Order> =>
    (await request('POST', `/api/seller/orders/${id(orderId)}/tracking`, { status })) as Order,
  cancelSellerOrder: async (orderId: string): Promise<Order> =>
    (await request('POST', `/api/seller/orders/${id(orderId)}/cancel`)) as Order,

  track: async (trackingNumber: string, signal?: AbortSignal): Promise<Tracking> =>
    (await request('GET', `/api/track/${id(trackingNumber)}`, undefined, signal)) as Tracking,
};
