// Bearer tokens for clients without cookies (native apps; decision 047). A token is a session: a
// row of `sessions` like a browser's, listed under Settings → Sessions, kept alive by use and ended
// by sign-out, by Settings → Sessions, by a password reset and by an account deletion. Only its
// SHA-256 is stored, prefixed so a stored bearer token can never match a cookie's token (those are
// 32 letters and digits, never containing ":"), and so the sessions list can call it an app.
//
// A token is read from the Authorization header only: never from the query string (it would land
// in access logs and browser history) nor from a cookie (a browser would send it cross-site).
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { hashToken } from '../../tokens.ts';

/** What a token starts with, so secret scanners and people can tell one when they see it. */
export const BEARER_TOKEN_PREFIX = 'souk_at_';
/** What a stored bearer token starts with in sessions.token. */
export const STORED_BEARER_PREFIX = 'bearer:';

// The prefix and 43 base64url characters (256 random bits).
const TOKEN_SHAPE = /^souk_at_[A-Za-z0-9_-]{43}$/;
const BEARER_HEADER = /^Bearer +(\S+) *$/i;

/** A new token, to hand to the client once. */
export const newBearerToken = (): string => `${BEARER_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

/** What sessions.token holds for a bearer token. */
export const storedBearerToken = (token: string): string => `${STORED_BEARER_PREFIX}${hashToken(token)}`;

/** Whether the request names its credential in an Authorization: Bearer header (valid or not). */
export const hasBearerHeader = (request: FastifyRequest): boolean =>
  /^bearer(\s|$)/i.test(request.headers.authorization ?? '');

/** The token's answer to a client: 401 with the RFC 6750 challenge, the same for garbage and ended tokens. */
export const tokenRejected = () =>
  new AppError('TOKEN_REJECTED', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });

/**
 * The stored form of the request's bearer token; null without an Authorization: Bearer header.
 * A header that is not a Souk token throws TOKEN_REJECTED without a database read.
 */
export function bearerTokenOf(request: FastifyRequest): string | null {
  if (!hasBearerHeader(request)) return null;
  const token = BEARER_HEADER.exec(request.headers.authorization ?? '')?.[1];
  if (token === undefined || !TOKEN_SHAPE.test(token)) throw tokenRejected();
  return storedBearerToken(token);
}
