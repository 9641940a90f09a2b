// The help area's email-linked check: one answer for every address, the real one goes by mail.
import { api, send } from '../../api/client.ts';

export const helpApi = {
  checkEmail: async (email: string): Promise<void> => {
    await send(api.POST('/api/help/email-check', { body: { email } }));
  },
};
