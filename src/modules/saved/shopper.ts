// Whose saved items and recently viewed products a request works on: the signed-in account, or a
// guest browser behind its own HttpOnly cookie (a random token, stored hashed, as the guest cart's).
// The cookie is set only by a write (saving a product, recording a view), never by a read. Once the
// person signs in, the guest's rows join the account's (mergeGuestShopperOf) and the cookie is cleared.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { optionalUser } from '../auth/index.ts';
import { hashToken } from '../../tokens.ts';
import { GUEST_DAYS, mergeGuestSaved, type Owner } from './repository.ts';
import { mergeGuestViews } from './views-repository.ts';

export function shopperCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}souk_shopper`;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

// A guest identity created during this request (its cookie reaches the browser only with the answer).
const createdThisRequest = new WeakMap<FastifyRequest, string>();

function guestHash(request: FastifyRequest): string | null {
  const created = createdThisRequest.get(request);
  if (created) return created;
  const token = request.cookies[shopperCookieName(request.server.souk.config.secureCookies)];
  return token && TOKEN.test(token) ? hashToken(token) : null;
}

const cookieOptions = (secure: boolean) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure });

/** After sign-in (and on any signed-in request still carrying a guest cookie): the guest's rows join the account's. */
export async function mergeGuestShopperOf(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<void> {
  const secure = request.server.souk.config.secureCookies;
  if (request.cookies[shopperCookieName(secure)] === undefined) return;
  const hash = guestHash(request);
  if (hash) {
    await request.server.souk.db.transaction().execute(async (trx) => {
      await mergeGuestSaved(trx, hash, userId);
      await mergeGuestViews(trx, hash, userId);
    });
  }
  reply.clearCookie(shopperCookieName(secure), cookieOptions(secure));
}

/** The owner of this request's lists, or null for a guest who has none yet. */
export async function shopperOf(request: FastifyRequest, reply: FastifyReply): Promise<Owner | null> {
  const user = await optionalUser(request);
  if (user) {
    await mergeGuestShopperOf(request, reply, user.id);
    return { userId: user.id };
  }
  const hash = guestHash(request);
  return hash ? { guestHash: hash } : null;
}

/**
 * The owner a write works on: a guest without a cookie gets one (rate limited per address, like
 * guest carts); a guest with one has it renewed, so it lasts GUEST_DAYS after the last write.
 */
export async function shopperForWrite(request: FastifyRequest, reply: FastifyReply): Promise<Owner> {
  const existing = await shopperOf(request, reply);
  if (existing && 'userId' in existing) return existing;
  const { config, rateLimiter } = request.server.souk;
  let token = request.cookies[shopperCookieName(config.secureCookies)];
  if (!existing || !token || !TOKEN.test(token)) {
    await rateLimiter.consume(`guest-shopper:ip:${rateLimiter.keyPart(request.ip)}`, {
      max: 100,
      windowSeconds: 3600,
    });
    token = randomBytes(32).toString('base64url');
    createdThisRequest.set(request, hashToken(token));
  }
  reply.setCookie(shopperCookieName(config.secureCookies), token, {
    ...cookieOptions(config.secureCookies),
    maxAge: GUEST_DAYS * 24 * 3600,
  });
  return { guestHash: hashToken(token) };
}
