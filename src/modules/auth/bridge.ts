// Calls into Better Auth's server API from a Fastify route: passes the cookie and user agent,
// copies Set-Cookie back, and maps Better Auth's error codes onto Souk's catalogue.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../errors.ts';

const CODE_MAP: Record<string, ErrorCode> = {
  INVALID_EMAIL_OR_PASSWORD: 'INVALID_CREDENTIALS',
  INVALID_PASSWORD: 'INVALID_PASSWORD',
  EMAIL_NOT_VERIFIED: 'EMAIL_NOT_VERIFIED',
  INVALID_TOKEN: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_INVALID',
  USER_NOT_FOUND: 'TOKEN_INVALID',
  PASSWORD_TOO_SHORT: 'PASSWORD_TOO_SHORT',
  PASSWORD_TOO_LONG: 'PASSWORD_TOO_LONG',
  INVALID_EMAIL: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  SESSION_EXPIRED: 'UNAUTHENTICATED',
};

type BetterAuthError = { statusCode?: number; body?: { code?: string } };

function isBetterAuthError(error: unknown): error is BetterAuthError {
  return typeof error === 'object' && error !== null && 'statusCode' in error && 'body' in error;
}

export function requestHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  if (request.headers.cookie) headers.set('cookie', request.headers.cookie);
  const ua = request.headers['user-agent'];
  if (typeof ua === 'string') headers.set('user-agent', ua.slice(0, 512));
  return headers;
}

export function copySetCookies(from: Headers, reply: FastifyReply): void {
  const cookies = from.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
}

/** Runs a Better Auth call; its failures become AppErrors with our stable codes. */
export async function callAuth<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isBetterAuthError(error) && typeof error.statusCode === 'number' && error.statusCode < 500) {
      const code =
        CODE_MAP[error.body?.code ?? ''] ?? (error.statusCode === 401 ? 'UNAUTHENTICATED' : 'VALIDATION_FAILED');
      throw new AppError(code, { cause: error });
    }
    throw error;
  }
}
