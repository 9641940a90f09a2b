// The signed-in person's profile, email address, password, sessions and mail preferences.
import { api, send, type RequestBody, type ResponseBody } from '../../api/client.ts';
import { toMe, type Me } from '../../lib/me-context.tsx';

export type Session = ResponseBody<'/api/account/sessions', 'get'>['sessions'][number];
export type NotificationPreference = ResponseBody<'/api/account/notifications', 'get'>['preferences'][number];

export const accountApi = {
  updateProfile: async (input: RequestBody<'/api/account/profile', 'patch'>): Promise<Me> =>
    toMe(await send(api.PATCH('/api/account/profile', { body: input }))),
  requestEmailChange: async (input: RequestBody<'/api/account/email', 'post'>): Promise<void> => {
    await send(api.POST('/api/account/email', { body: input }));
  },
  confirmEmailChange: async (token: string): Promise<void> => {
    await send(api.POST('/api/account/email/confirm', { body: { token } }));
  },
  changePassword: async (input: RequestBody<'/api/account/password', 'post'>): Promise<void> => {
    await send(api.POST('/api/account/password', { body: input }));
  },

  listSessions: async (): Promise<Session[]> => (await send(api.GET('/api/account/sessions'))).sessions,
  endSession: async (id: string): Promise<void> => {
    await send(api.DELETE('/api/account/sessions/{id}', { params: { path: { id } } }));
  },
  endOtherSessions: async (): Promise<void> => {
    await send(api.POST('/api/account/sessions/revoke-others'));
  },

  listNotificationPreferences: async (): Promise<NotificationPreference[]> =>
    (await send(api.GET('/api/account/notifications'))).preferences,
  saveNotificationPreferences: async (preferences: Record<string, boolean>): Promise<NotificationPreference[]> =>
    (await send(api.PUT('/api/account/notifications', { body: { preferences } }))).preferences,
};
