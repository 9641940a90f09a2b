// Security headers, and CSRF protection for every state-changing request: the Origin (or
// Sec-Fetch-Site) must say the request comes from Souk itself. A request with neither header
// is allowed only when it carries no cookie (an API client, not a browser session). A request with
// an Authorization: Bearer header needs neither (decision 047): a page of another site cannot make a
// browser send that header without Souk's consent to a CORS preflight, which Souk never gives, and
// the token authenticates it, not a cookie the browser adds by itself.
//
// The headers are helmet's, computed once at start: @fastify/helmet rebuilt them (the CSP string
// included) on every request, which the benchmark showed as a visible share of a request's CPU.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^bearer\s/i;

export function isSameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (origin === publicOrigin) return true;
    const host = request.headers.host;
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return request.headers.cookie === undefined;
}

/** Runs helmet once against a recording response and returns the headers it set. */
export function securityHeaders(publicUrl: string): Record<string, string> {
  const https = publicUrl.startsWith('https:');
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https,
    crossOriginEmbedderPolicy: false,
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  let failed: unknown;
  middleware({ headers: {} } as IncomingMessage, recorder, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  return headers;
}

export async function registerSecurity(app: FastifyInstance, publicUrl: string): Promise<void> {
  const publicOrigin = new URL(publicUrl).origin;
  const headers = securityHeaders(publicUrl);
  // A callback hook, not an async one: it runs on every request and has nothing to wait for.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    if (
      SAFE_METHODS.has(request.method) ||
      BEARER.test(request.headers.authorization ?? '') ||
      isSameOrigin(request, publicOrigin)
    )
      done();
    else done(new AppError('CSRF_REJECTED'));
  });
}
