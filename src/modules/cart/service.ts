// Whose cart a request works on, and the cart as the API shows it. A guest's cart lives behind
// an HttpOnly cookie holding a random token (only its hash is stored). Once the person signs in,
// the guest cart is merged into the account's cart and the cookie is cleared.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { optionalUser } from '../auth/index.ts';
import { hashToken } from '../../tokens.ts';
import { money } from '../../lib/money.ts';
import { productImageUrl } from '../catalog/index.ts';
import {
  createGuestCart,
  ensureUserCart,
  findCartId,
  GUEST_CART_DAYS,
  mergeGuestCart,
  readCartLines,
  type CartLineRow,
  type CartOwner,
} from './repository.ts';

export function cartCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}souk_cart`;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

// A guest cart created during this request (its cookie reaches the browser only with the answer).
const createdThisRequest = new WeakMap<FastifyRequest, string>();

function guestHash(request: FastifyRequest): string | null {
  const created = createdThisRequest.get(request);
  if (created) return created;
  const token = request.cookies[cartCookieName(request.server.souk.config.secureCookies)];
  return token && TOKEN.test(token) ? hashToken(token) : null;
}

function clearCartCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = request.server.souk.config.secureCookies;
  reply.clearCookie(cartCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** After sign-in: the guest cart of this browser (if any) joins the account's cart. */
export async function mergeGuestCartOf(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<void> {
  const secure = request.server.souk.config.secureCookies;
  if (request.cookies[cartCookieName(secure)] === undefined) return;
  const hash = guestHash(request);
  if (hash) await request.server.souk.db.transaction().execute((trx) => mergeGuestCart(trx, hash, userId));
  clearCartCookie(request, reply);
}

/** The owner of this request's cart, or null for a guest without a cart yet. */
export async function cartOwner(request: FastifyRequest, reply: FastifyReply): Promise<CartOwner | null> {
  const user = await optionalUser(request);
  if (user) {
    await mergeGuestCartOf(request, reply, user.id);
    return { userId: user.id };
  }
  const hash = guestHash(request);
  return hash ? { guestHash: hash } : null;
}

/** The id of this request's cart, if it has one. */
export async function existingCartId(request: FastifyRequest, reply: FastifyReply): Promise<string | undefined> {
  const owner = await cartOwner(request, reply);
  return owner ? findCartId(request.server.souk.db, owner) : undefined;
}

/** Creates the cart of this request (and, for a guest, its cookie); call once nothing can fail any more. */
export async function createCart(request: FastifyRequest, reply: FastifyReply): Promise<string> {
  const { db, config, rateLimiter } = request.server.souk;
  const user = await optionalUser(request);
  if (user) return ensureUserCart(db, user.id);
  await rateLimiter.consume(`guest-cart:ip:${rateLimiter.keyPart(request.ip)}`, { max: 100, windowSeconds: 3600 });
  const token = randomBytes(32).toString('base64url');
  const hash = hashToken(token);
  const id = await createGuestCart(db, hash);
  createdThisRequest.set(request, hash);
  reply.setCookie(cartCookieName(config.secureCookies), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: GUEST_CART_DAYS * 24 * 3600,
  });
  return id;
}

export const CART_PROBLEMS = [
  'unavailable',
  'choose_option',
  'out_of_stock',
  'insufficient_stock',
  'not_shippable',
] as const;
export type CartProblem = (typeof CART_PROBLEMS)[number];

export const unitPriceOf = (row: { price_minor: number; offer_price: number | null }) =>
  row.offer_price !== null && row.offer_price < row.price_minor ? row.offer_price : row.price_minor;

export function problemOf(row: CartLineRow): CartProblem | null {
  if (!row.listed) return 'unavailable';
  // Added before the product gained options (decision 051): which variant is the shopper's to say.
  if (row.variant_id === null && row.option_names.length > 0) return 'choose_option';
  if (row.stock === 0) return 'out_of_stock';
  if (row.stock < row.quantity) return 'insufficient_stock';
  // Only when the cart was read for a country (the shopper's ship-to country or chosen address).
  if (row.ships === false) return 'not_shippable';
  return null;
}

export function cartView(rows: CartLineRow[], country: string | null) {
  const subtotals = new Map<string, number>();
  let itemCount = 0;
  const lines = rows.map((row) => {
    const unit = unitPriceOf(row);
    const problem = problemOf(row);
    itemCount += row.quantity;
    if (problem === null) subtotals.set(row.currency, (subtotals.get(row.currency) ?? 0) + unit * row.quantity);
    return {
      productId: row.product_id,
      variantId: row.variant_id,
      variantLabel: row.variant_label,
      title: row.title,
      imageUrl: productImageUrl(row.product_id, row.image_index),
      store: { id: row.store_id, name: row.store_name },
      quantity: row.quantity,
      unitPrice: money(unit, row.currency),
      listPrice: unit < row.price_minor ? money(row.price_minor, row.currency) : null,
      lineTotal: money(unit * row.quantity, row.currency),
      stock: row.stock,
      problem,
      chooseOptions: problem === 'choose_option' ? row.option_names : [],
    };
  });
  return {
    country,
    lines,
    itemCount,
    subtotals: [...subtotals].map(([currency, amount]) => money(amount, currency)),
  };
}

/** The cart as the API shows it; with a country, lines whose product does not ship there are flagged (not_shippable). */
export async function readCart(request: FastifyRequest, reply: FastifyReply, country?: string) {
  const owner = await cartOwner(request, reply);
  return cartView(owner ? await readCartLines(request.server.souk.db, owner, country) : [], country ?? null);
}
