// Where to go after signing in, kept across the sign-up → verification mail → sign-in detour
// (the mail's link may open in another tab). Only paths on this site, for one day.
import { safeNextPath } from './safe-next.ts';

const KEY = 'souk.returnTo';
const DAY_MS = 24 * 3600_000;

export function rememberReturnTo(next: string | null): void {
  const path = safeNextPath(next, '');
  if (path === '') return;
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ path, at: Date.now() }));
  } catch {
    // storage blocked: the person signs in and lands on their account instead
  }
}

export function rememberedReturnTo(): string | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (raw === null) return null;
    const value = JSON.parse(raw) as { path?: unknown; at?: unknown };
    if (typeof value.path !== 'string' || typeof value.at !== 'number' || Date.now() - value.at > DAY_MS) return null;
    return safeNextPath(value.path, '') || null;
  } catch {
    return null;
  }
}

export function forgetReturnTo(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}
