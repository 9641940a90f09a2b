// The management console: who is using it and with which staff roles.
import { api, send, type ResponseBody } from '../../api/client.ts';

export type AdminMe = ResponseBody<'/api/admin/me', 'get'>;
export type StaffRole = AdminMe['roles'][number];

export const adminApi = {
  me: (signal?: AbortSignal): Promise<AdminMe> => send(api.GET('/api/admin/me', { signal })),
};
