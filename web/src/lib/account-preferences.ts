// The signed-in account's saved display preferences (currency and language, decisions 058 and 059),
// read once per signed-in account and shared by the providers that apply them.
import { api, send, type ResponseBody } from '../api/client.ts';

export type AccountPreferences = ResponseBody<'/api/account/preferences', 'get'>;

let cached: { userId: string; preferences: Promise<AccountPreferences> } | null = null;

/** The account's saved preferences; one request per signed-in account, however many ask. */
export function accountPreferences(userId: string): Promise<AccountPreferences> {
  if (cached?.userId !== userId) {
    const preferences = send(api.GET('/api/account/preferences'));
    cached = { userId, preferences };
    preferences.catch(() => {
      if (cached?.preferences === preferences) cached = null; // a failure is not kept
    });
  }
  return cached.preferences;
}

/** Saves some of the account's preferences (fields left out keep their value). */
export async function saveAccountPreferences(userId: string, changes: Partial<AccountPreferences>): Promise<void> {
  const saved = send(api.PUT('/api/account/preferences', { body: changes }));
  cached = { userId, preferences: saved };
  await saved;
}
