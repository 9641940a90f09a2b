// Returns and refunds (issue 19): the buyer's side on an order's page, the seller's returns
// waiting with their answers, the store's return policy, and public return-parcel tracking.
import i18next from 'i18next';
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

/** Why a buyer returns items, in the order the form lists them (worded in returns/wording.ts). */
export const RETURN_REASONS: readonly ReturnReason[] = [
  'not_as_described',
  'damaged',
  'wrong_item',
  'changed_mind',
  'other',
];

const byId = (id: string) => ({ params: { path: { id } } });

export const returnsApi = {
  ofOrder: (orderId: string, signal?: AbortSignal): Promise<OrderReturns> =>
    send(api.GET('/api/orders/{id}/returns', { ...byId(orderId), signal })),
  request: (orderId: string, body: NewReturn): Promise<Return> =>
    send(api.POST('/api/orders/{id}/returns', { ...byId(orderId), body })),
  uploadPhoto: (returnId: string, file: File) =>
    send(
      api.POST('/api/returns/{id}/photos', { ...byId(returnId), ...rawBody(file) }),
      i18next.t('returns:buyer.uploadFailed'),
    ),
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
