// The management console: who is using it and with which staff roles.
import { api, send, type QueryOf, type RequestBody, type ResponseBody } from '../../api/client.ts';

export type AdminMe = ResponseBody<'/api/admin/me', 'get'>;
export type StaffRole = AdminMe['roles'][number];

export const adminApi = {
  me: (signal?: AbortSignal): Promise<AdminMe> => send(api.GET('/api/admin/me', { signal })),
};

// The /admin overview and Souk support's side of disputes over returns (issue 19).
export type AdminOverview = ResponseBody<'/api/admin/overview', 'get'>;
export type DisputeList = ResponseBody<'/api/admin/disputes', 'get'>;
export type DisputeItem = DisputeList['items'][number];
export type DisputeDetail = ResponseBody<'/api/admin/disputes/{id}', 'get'>;
export type DisputeDecision = RequestBody<'/api/admin/disputes/{id}/decide', 'post'>;
export type RetriedRefund = ResponseBody<'/api/admin/refunds/{id}/retry', 'post'>;
export type DisputeFilter = NonNullable<QueryOf<'/api/admin/disputes', 'get'>['status']>;

export const disputesApi = {
  overview: (signal?: AbortSignal): Promise<AdminOverview> => send(api.GET('/api/admin/overview', { signal })),
  list: (status: DisputeFilter, signal?: AbortSignal): Promise<DisputeList> =>
    send(api.GET('/api/admin/disputes', { params: { query: { status } }, signal })),
  get: (id: string, signal?: AbortSignal): Promise<DisputeDetail> =>
    send(api.GET('/api/admin/disputes/{id}', { params: { path: { id } }, signal })),
  decide: (id: string, body: DisputeDecision): Promise<DisputeDetail> =>
    send(api.POST('/api/admin/disputes/{id}/decide', { params: { path: { id } }, body })),
  /** Staff's "Retry refund now": the refund's next attempt at once (audited). */
  retryRefund: (id: string): Promise<RetriedRefund> =>
    send(api.POST('/api/admin/refunds/{id}/retry', { params: { path: { id } } })),
};

// Exchange rates (issue 20, decision 058): the set in use, the ones before, recording a new one.
export type ExchangeRates = ResponseBody<'/api/admin/exchange-rates', 'get'>;
export type ExchangeRateSet = RequestBody<'/api/admin/exchange-rates', 'post'>;
export type RecordedRates = ResponseBody<'/api/admin/exchange-rates', 'post'>;

export const ratesApi = {
  get: (signal?: AbortSignal): Promise<ExchangeRates> => send(api.GET('/api/admin/exchange-rates', { signal })),
  record: (body: ExchangeRateSet): Promise<RecordedRates> => send(api.POST('/api/admin/exchange-rates', { body })),
};
