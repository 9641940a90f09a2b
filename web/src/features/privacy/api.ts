// "Your data at Souk": GET /api/privacy/data, derived on the server from the erasure registry.
import { api, send, type ResponseBody } from '../../api/client.ts';

export type DataKind = ResponseBody<'/api/privacy/data', 'get'>['kinds'][number];

export const privacyApi = {
  dataKinds: async (signal: AbortSignal): Promise<DataKind[]> =>
    (await send(api.GET('/api/privacy/data', { signal }))).kinds,
};
