// The API document's account of how a request signs in: the session cookie or a bearer token
// (decision 047). Every route whose hooks require a session lists both as its `security`, found as
// routes are registered, so no route has to repeat it and none can forget it.
import type { FastifyInstance, RouteOptions } from 'fastify';
import { SESSION_COOKIE_PREFIX } from './better-auth.ts';

export const SECURITY_SCHEMES = {
  cookieAuth: {
    type: 'apiKey',
    in: 'cookie',
    name: `${SESSION_COOKIE_PREFIX}.session_token`,
    description:
      'The browser session, set by POST /api/auth/sign-in (named __Secure-souk.session_token behind HTTPS). ' +
      'State-changing requests must come from the same origin.',
  },
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A token from POST /api/auth/token, for clients without cookies (native apps), sent as Authorization: Bearer <token>. ' +
      'Needs no Origin header. Never accepted in a query string or cookie; a request must not carry it and the session cookie.',
  },
} as const;

/** Either credential works wherever a session is required. */
const SESSION_SECURITY: Array<Record<string, string[]>> = [{ cookieAuth: [] }, { bearerAuth: [] }];

const REQUIRES_SESSION = Symbol('souk.requiresSession');

/** Marks a route hook that answers 401 without a session (requireUser, and hooks built on it). */
export function requiresSession<F extends (...args: never[]) => unknown>(hook: F): F {
  return Object.assign(hook, { [REQUIRES_SESSION]: true });
}

const hooksOf = (route: RouteOptions) =>
  [route.onRequest, route.preParsing, route.preValidation, route.preHandler].flat().filter((h) => h !== undefined);

/** Adds `security` to the schema of every route registered after it whose hooks require a session. */
export function documentSessionSecurity(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!hooksOf(route).some((hook) => REQUIRES_SESSION in hook)) return;
    route.schema = { security: SESSION_SECURITY, ...route.schema };
  });
}
