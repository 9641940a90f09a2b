// Returns and refunds (issue 19): the buyer's side on an order's page, the seller's returns
// waiting with their answers, the store's return policy, and public return-parcel tracking.
import { api, rawBody, send, type RequestBody, type ResponseBody } from '../../api/client.ts';

export type OrderReturns = ResponseBody<'/api/orders/{id}/returns', 'get'>;
export type Return = OrderReturns['returns'][number];
export type ReturnStatus = Return['status'];
export type ReturnReason = Return['reason'];
export type ReturnEventKind = Return['events'][number]['kind'];
export type NewReturn = RequestBody<'/api/orders/{id}/returns', 'post'>;
export type AcceptReturn = RequestBody<'/api/seller/returns/{id}/accept', 'post'>;
export type ReturnPolicy = ResponseBody<'/api/seller/return-policy', 'get'>;
export type ReturnParcel = ResponseBody<'/api/track-returns/{trackingNumber}', 'get'>;

export const RETURN_PHOTOS = { max: 5, bytes: 5 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'image/webp'] };

export const REASON_LABELS: Record<ReturnReason, string> = {
  not_as_described: 'Not as described',
  damaged: 'Arrived damaged',
  wrong_item: 'Wrong item sent',
  changed_mind: 'Changed my mind',
  other: 'Another reason',
};

export const STATUS_LABELS: Record<ReturnStatus, string> = {
  requested: 'Waiting for the seller',
  awaiting_return: 'Send the items back',
  partial_offered: 'Partial refund offered',
  refused: 'Refused by the seller',
  escalated: 'With Souk support',
  refunding: 'Refund on its way',
  refunded: 'Refunded',
  closed: 'Closed',
};

const EVENT_LABELS: Partial<Record<ReturnEventKind, string>> = {
  requested: 'Return requested',
  accepted_refund: 'Accepted: refund without return',
  accepted_return: 'Accepted: items to be sent back',
  return_received: 'Items received by the seller',
  partial_offered: 'Partial refund offered',
  offer_accepted: 'Partial refund accepted',
  refused: 'Refused by the seller',
  escalated: 'Sent to Souk support',
  auto_escalated: 'Sent to Souk support (the seller did not answer in time)',
  refund_failed: 'Refund failed, retrying',
  refunded: 'Refunded',
  withdrawn: 'Withdrawn',
  dispute_decided: 'Decided by Souk support',
};

/** A timeline entry's wording; a kind added later reads as its own name until it gets one. */
export const eventLabel = (kind: ReturnEventKind): string => {
  const label = EVENT_LABELS[kind] ?? kind.replaceAll('_', ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
};

const byId = (id: string) => ({ params: { path: { id } } });

export const returnsApi = {
  ofOrder: (orderId: string, signal?: AbortSignal): Promise<OrderReturns> =>
    send(api.GET('/api/orders/{id}/returns', { ...byId(orderId), signal })),
  request: (orderId: string, body: NewReturn): Promise<Return> =>
    send(api.POST('/api/orders/{id}/returns', { ...byId(orderId), body })),
  uploadPhoto: (returnId: string, file: File) =>
    send(api.POST('/api/returns/{id}/photos', { ...byId(returnId), ...rawBody(file) }), 'The upload failed.'),
  acceptOffer: (id: string): Promise<Return> => send(api.POST('/api/returns/{id}/accept-offer', byId(id))),
  escalate: (id: string, statement: string | null): Promise<Return> =>
    send(api.POST('/api/returns/{id}/escalate', { ...byId(id), body: { statement } })),
  withdraw: (id: string): Promise<Return> => send(api.POST('/api/returns/{id}/withdraw', byId(id))),

  listForStore: (signal?: AbortSignal) => send(api.GET('/api/seller/returns', { signal })),
  accept: (id: string, body: AcceptReturn): Promise<Return> =>
    send(api.POST('/api/seller/returns/{id}/accept', { ...byId(id), body })),
  received: (id: string): Promise<Return> => send(api.POST('/api/seller/returns/{id}/received', byId(id))),
  offer: (id: string, amount: number): Promise<Return> =>
    send(api.POST('/api/seller/returns/{id}/offer', { ...byId(id), body: { amount } })),
  refuse: (id: string, reason: string): Promise<Return> =>
    send(api.POST('/api/seller/returns/{id}/refuse', { ...byId(id), body: { reason } })),
  policy: (signal?: AbortSignal): Promise<ReturnPolicy> => send(api.GET('/api/seller/return-policy', { signal })),
  setPolicy: (body: ReturnPolicy): Promise<ReturnPolicy> => send(api.PUT('/api/seller/return-policy', { body })),

  trackReturn: (trackingNumber: string, signal?: AbortSignal): Promise<ReturnParcel> =>
    send(api.GET('/api/track-returns/{trackingNumber}', { params: { path: { trackingNumber } }, signal })),
};
