// Account deletion: the person's own path (what will happen, the request, "This wasn't me"), and
// management's side: the queue, processing, holds, the findings of the erasure's verification
// that staff resolve, and why people leave.
import { api, send, type QueryOf, type RequestBody, type ResponseBody } from '../../api/client.ts';

export type DeletionPreview = ResponseBody<'/api/account/deletion', 'get'>;
export type DeletionRequest = ResponseBody<'/api/admin/deletions', 'get'>['items'][number];
export type DeletionFilter = NonNullable<QueryOf<'/api/admin/deletions', 'get'>['status']>;
/** What the verification found and could not settle itself; the excerpt has the identifier masked. */
export type DeletionFinding = DeletionRequest['findings'][number];
export type ProcessedRequest = ResponseBody<'/api/admin/deletions/{id}/process', 'post'>;
/** What processing did: erased and certified, parked again with findings, or left to the worker already on it. */
export type ProcessOutcome = ProcessedRequest['outcome'];
export type HoldReason = RequestBody<'/api/admin/deletions/{id}/hold', 'post'>['reason'];
/** Why someone leaves, as the request takes it (the preview lists the same values, typed as plain text). */
export type LeavingReason = NonNullable<RequestBody<'/api/account/deletion', 'post'>['reason']>;
const LEAVING_REASONS: Record<LeavingReason, true> = {
  too_much_money: true,
  data_worries: true,
  bad_seller_experience: true,
  bad_support_experience: true,
  other_account: true,
  other: true,
};
export const isLeavingReason = (value: string): value is LeavingReason => Object.hasOwn(LEAVING_REASONS, value);

export type LeavingInsights = ResponseBody<'/api/admin/insights/leaving', 'get'>;

const byId = (id: string) => ({ params: { path: { id } } });
const finding = (id: string, findingId: string) => ({ params: { path: { id, findingId } } });

export const deletionApi = {
  preview: (signal: AbortSignal): Promise<DeletionPreview> => send(api.GET('/api/account/deletion', { signal })),
  request: (
    input: RequestBody<'/api/account/deletion', 'post'>,
  ): Promise<ResponseBody<'/api/account/deletion', 'post'>> => send(api.POST('/api/account/deletion', { body: input })),
  cancel: async (token: string): Promise<void> => {
    await send(api.POST('/api/account/deletion/cancel', { body: { token } }));
  },
};

export const deletionsApi = {
  list: (status: DeletionFilter, signal: AbortSignal): Promise<ResponseBody<'/api/admin/deletions', 'get'>> =>
    send(api.GET('/api/admin/deletions', { params: { query: { status } }, signal })),
  process: (id: string): Promise<ProcessedRequest> => send(api.POST('/api/admin/deletions/{id}/process', byId(id))),
  hold: (id: string, reason: HoldReason): Promise<DeletionRequest> =>
    send(api.POST('/api/admin/deletions/{id}/hold', { ...byId(id), body: { reason } })),
  release: (id: string): Promise<DeletionRequest> => send(api.POST('/api/admin/deletions/{id}/release', byId(id))),
  eraseFinding: (id: string, findingId: string): Promise<DeletionRequest> =>
    send(api.POST('/api/admin/deletions/{id}/findings/{findingId}/erase', finding(id, findingId))),
  dismissFinding: (id: string, findingId: string, reason: string): Promise<DeletionRequest> =>
    send(
      api.POST('/api/admin/deletions/{id}/findings/{findingId}/dismiss', {
        ...finding(id, findingId),
        body: { reason },
      }),
    ),
  insights: (signal: AbortSignal): Promise<LeavingInsights> => send(api.GET('/api/admin/insights/leaving', { signal })),
};
