// One POST to the receiver. No redirect is followed (a 3xx is a failed attempt), the whole
// exchange has a deadline, and the response body is never read: only its status is kept.
import http from 'node:http';
import https from 'node:https';

export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** A short code for a failed connection (ECONNREFUSED, CERT_HAS_EXPIRED…), never a message. */
function errorCode(error: NodeJS.ErrnoException): string {
  return typeof error.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(error.code) ? error.code : 'NETWORK_ERROR';
}

export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostOutcome> {
  const target = new URL(url);
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve) => {
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
        agent: false,
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.destroy();
        if (status >= 200 && status < 300) resolve({ ok: true, status });
        else
          resolve({
            ok: false,
            status,
            error: status >= 300 && status < 400 ? 'REDIRECT_NOT_FOLLOWED' : `HTTP_${status}`,
          });
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, status: null, error: signal.aborted ? 'TIMEOUT' : errorCode(error) }),
    );
    request.end(body);
  });
}
