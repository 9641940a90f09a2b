// Signing up, in and out, verifying the address and resetting a forgotten password.
import { api, send, type RequestBody } from '../../api/client.ts';
import { toMe, type Me } from '../../lib/me-context.tsx';

export const authApi = {
  signUp: async (input: RequestBody<'/api/auth/sign-up', 'post'>): Promise<void> => {
    await send(api.POST('/api/auth/sign-up', { body: input }));
  },
  verifyEmail: async (token: string): Promise<void> => {
    await send(api.POST('/api/auth/verify-email', { body: { token } }));
  },
  signIn: async (input: RequestBody<'/api/auth/sign-in', 'post'>): Promise<Me> =>
    toMe((await send(api.POST('/api/auth/sign-in', { body: input }))).user),
  signOut: async (): Promise<void> => {
    await send(api.POST('/api/auth/sign-out'));
  },
  requestPasswordReset: async (email: string): Promise<void> => {
    await send(api.POST('/api/auth/forgot-password', { body: { email } }));
  },
  resetPassword: async (input: RequestBody<'/api/auth/reset-password', 'post'>): Promise<void> => {
    await send(api.POST('/api/auth/reset-password', { body: input }));
  },
};
