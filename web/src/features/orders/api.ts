// Orders for buyers and sellers, and public parcel tracking.
import { api, send, type QueryOf, type ResponseBody } from '../../api/client.ts';

export type Order = ResponseBody<'/api/orders/{id}', 'get'>;
export type OrderList = ResponseBody<'/api/orders', 'get'>;
export type OrderStatus = Order['status'];
export type OrderItem = Order['items'][number];
/** The shipping address as the order keeps it (a snapshot, not the saved address). */
export type ShipTo = Order['shipTo'];
export type Tracking = ResponseBody<'/api/track/{trackingNumber}', 'get'>;
export type TrackingEvent = Tracking['events'][number];
export type ShipmentStatus = Tracking['status'];
/** The carrier scans a seller can add after shipping. */
export type TrackingEventStatus = Exclude<ShipmentStatus, 'shipped'>;

export type OrderListQuery = QueryOf<'/api/orders', 'get'> & QueryOf<'/api/seller/orders', 'get'>;

/** Page 1 is the server's default and is left out of the address. */
const listQuery = (query: OrderListQuery): OrderListQuery => ({
  ...query,
  page: query.page !== undefined && query.page > 1 ? query.page : undefined,
});

/** Tracking numbers as the server stores them: upper case, no spaces. */
export function normaliseTrackingNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The characters and length the tracking API accepts. */
export function isPlausibleTrackingNumber(raw: string): boolean {
  return /^[A-Za-z0-9 -]{1,60}$/.test(raw);
}

const byId = (id: string) => ({ params: { path: { id } } });

export const ordersApi = {
  listOrders: (query: OrderListQuery, signal?: AbortSignal): Promise<OrderList> =>
    send(api.GET('/api/orders', { params: { query: listQuery(query) }, signal })),
  getOrder: (orderId: string, signal?: AbortSignal): Promise<Order> =>
    send(api.GET('/api/orders/{id}', { ...byId(orderId), signal })),
  cancelOrder: (orderId: string): Promise<Order> => send(api.POST('/api/orders/{id}/cancel', byId(orderId))),

  listSellerOrders: (query: OrderListQuery, signal?: AbortSignal): Promise<OrderList> =>
    send(api.GET('/api/seller/orders', { params: { query: listQuery(query) }, signal })),
  getSellerOrder: (orderId: string, signal?: AbortSignal): Promise<Order> =>
    send(api.GET('/api/seller/orders/{id}', { ...byId(orderId), signal })),
  shipOrder: (orderId: string, input: { carrier: string; trackingNumber: string }): Promise<Order> =>
    send(api.POST('/api/seller/orders/{id}/ship', { ...byId(orderId), body: input })),
  addTrackingEvent: (orderId: string, status: TrackingEventStatus): Promise<Order> =>
    send(api.POST('/api/seller/orders/{id}/tracking', { ...byId(orderId), body: { status } })),
  cancelSellerOrder: (orderId: string): Promise<Order> =>
    send(api.POST('/api/seller/orders/{id}/cancel', byId(orderId))),

  track: (trackingNumber: string, signal?: AbortSignal): Promise<Tracking> =>
    send(api.GET('/api/track/{trackingNumber}', { params: { path: { trackingNumber } }, signal })),
};
