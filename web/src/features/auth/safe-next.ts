/**
 * Returns `next` when it is a path on this site, else `fallback`. Rejects "//host" and
 * "/\host" (browsers treat both as another origin) and anything that resolves elsewhere.
 */
export function safeNextPath(next: string | null, fallback: string): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
