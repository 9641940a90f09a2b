// First start in development: a demo marketplace with a demo buyer and a demo seller
// (credentials in the README) so there is something to browse and try at once: stores with names
// and stories, products with pictures of what they are, reviews by a handful of demo buyers, and
// offers that run relative to the moment the shop starts (decision 048).
import { recordSampleRatesIfNone } from './modules/currency/index.ts';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from './context.ts';
import { hashPassword } from './modules/auth/index.ts';
import { catalogIsEmpty, rebaseDemoOffers, seedCatalog } from './modules/catalog/index.ts';
import { addDemoReviews } from './modules/posts/index.ts';
import { placeCheckout, quoteCart, shipOrder, addTrackingEvent } from './modules/orders/index.ts';

export const DEMO_ACCOUNTS = {
  buyer: { email: 'buyer@souk.example', password: 'demo-buyer-saffron-42', name: 'Demo Buyer' },
  seller: { email: 'seller@souk.example', password: 'demo-seller-cedar-42', name: 'Demo Seller' },
} as const;

/** The demo buyers whose reviews the demo products carry; they have no password and cannot sign in. */
export const DEMO_REVIEWERS = [
  'Amira H.',
  'Jonas W.',
  'Priya S.',
  'Mateo R.',
  'Chloé D.',
  'Kenji T.',
  'Fatima Z.',
  'Liam O.',
] as const;

async function createVerifiedUser(
  ctx: AppContext,
  account: { email: string; password: string; name: string },
): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  const hash = await hashPassword(account.password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id,
        email: account.email,
        email_verified: true,
        display_name: account.name,
        image: null,
        phone: null,
        country: 'US',
        updated_at: new Date(),
      })
      .execute();
    await trx
      .insertInto('accounts')
      .values({
        id: randomBytes(16).toString('base64url'),
        user_id: id,
        account_id: id,
        provider_id: 'credential',
        password: hash,
        access_token: null,
        refresh_token: null,
        id_token: null,
        access_token_expires_at: null,
        refresh_token_expires_at: null,
        scope: null,
        updated_at: new Date(),
      })
      .execute();
  });
  return id;
}

/** Seeds the demo marketplace when the catalog is empty. Returns false when there was data already. */
export async function seedDemoIfEmpty(
  ctx: AppContext,
  options: {
    products?: number;
    stores?: number;
    /** The moment the demo shop starts (offers run relative to it); the current time by default. */
    now?: Date;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<boolean> {
  if (!(await catalogIsEmpty(ctx.db))) return false;
  const now = options.now ?? new Date();
  await seedCatalog(ctx.db, {
    products: options.products ?? 2000,
    stores: options.stores ?? 50,
    demo: { storage: ctx.storage, now },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  await seedDemoReviews(ctx, now);
  await recordSampleRatesIfNone(ctx.db, now);
  const existing = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('email', 'in', [DEMO_ACCOUNTS.buyer.email, DEMO_ACCOUNTS.seller.email])
    .execute();
  const have = new Set(existing.map((u) => u.email));
  const buyerId = have.has(DEMO_ACCOUNTS.buyer.email) ? null : await createVerifiedUser(ctx, DEMO_ACCOUNTS.buyer);
  let storeId: string | null = null;
  if (!have.has(DEMO_ACCOUNTS.seller.email)) {
    const sellerId = await createVerifiedUser(ctx, DEMO_ACCOUNTS.seller);
    // A store that ships to the demo buyer's country, so the demo order can be real.
    const store = await ctx.db
      .selectFrom('stores as s')
      .select('s.id')
      .where('s.owner_user_id', 'is', null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('products as p')
            .innerJoin('shipping_rates as r', (j) =>
              j.onRef('r.profile_id', '=', 'p.shipping_profile_id').on('r.country', '=', 'US'),
            )
            .select('p.id')
            .whereRef('p.store_id', '=', 's.id')
            .where('p.stock', '>=', 3)
            .where('p.status', '=', 'active'),
        ),
      )
      .orderBy('s.created_at')
      .limit(1)
      .executeTakeFirst();
    if (store) {
      await ctx.db
        .updateTable('stores')
        .set({ owner_user_id: sellerId, name: 'Souk Demo Store' })
        .where('id', '=', store.id)
        .execute();
      storeId = store.id;
    }
  }
  if (buyerId && storeId) await seedDemoOrders(ctx, buyerId, storeId);
  return true;
}

/**
 * At every start in development: seed the demo shop into an empty database, or else give the demo
 * stores' offers that have ended a new window relative to `now`, so a demo started again next month
 * still has offers running (decision 048). Stores people opened are left alone, but for the demo seller's.
 */
export async function startDemo(
  ctx: AppContext,
  options: { now?: Date } = {},
): Promise<{ seeded: boolean; rebasedOffers: number }> {
  const now = options.now ?? new Date();
  if (await seedDemoIfEmpty(ctx, { now })) return { seeded: true, rebasedOffers: 0 };
  const demoStores = await ctx.db
    .selectFrom('stores as s')
    .innerJoin('users as u', 'u.id', 's.owner_user_id')
    .select('s.id')
    .where('u.email', '=', DEMO_ACCOUNTS.seller.email)
    .execute();
  const rebasedOffers = await rebaseDemoOffers(ctx.db, { now, alsoStoreIds: demoStores.map((s) => s.id) });
  return { seeded: false, rebasedOffers };
}

/** A handful of demo buyers (no password) review about half of the listed products. */
async function seedDemoReviews(ctx: AppContext, now: Date): Promise<void> {
  const emails = DEMO_REVIEWERS.map((_, i) => `reviewer-${i + 1}@souk.example`);
  const existing = await ctx.db.selectFrom('users').select(['id', 'email']).where('email', 'in', emails).execute();
  const authorIds = existing.map((u) => u.id);
  for (const [i, name] of DEMO_REVIEWERS.entries()) {
    if (existing.some((u) => u.email === emails[i])) continue;
    const id = randomBytes(16).toString('base64url');
    await ctx.db
      .insertInto('users')
      .values({
        id,
        email: emails[i]!,
        email_verified: true,
        display_name: name,
        image: null,
        phone: null,
        country: 'US',
        updated_at: now,
      })
      .execute();
    authorIds.push(id);
  }
  const products = await ctx.db
    .selectFrom('products')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('created_at')
    .orderBy('title')
    .execute();
  await addDemoReviews(ctx.db, { productIds: products.map((p) => p.id), authorIds, now });
}

/**
 * The demo buyer's first purchases, made the way a person makes them (cart → checkout → test
 * card): an order from the demo store, shipped with tracking number SOUK-DEMO-0001 and in transit,
 * and one from another seller, paid and waiting to ship, so Orders, the seller center and /track
 * have something to show.
 */
async function seedDemoOrders(ctx: AppContext, buyerId: string, demoStoreId: string): Promise<void> {
  const { db } = ctx;
  const shipsToUs = (storeCondition: 'demo' | 'other') =>
    db
      .selectFrom('products as p')
      .innerJoin('shipping_rates as r', (j) =>
        j.onRef('r.profile_id', '=', 'p.shipping_profile_id').on('r.country', '=', 'US'),
      )
      .select('p.id')
      .where('p.status', '=', 'active')
      .where('p.stock', '>=', 3)
      // A product the cart line can name alone: one with options would need its variant.
      .where('p.option_names', '=', sql<string[]>`'{}'`)
      .where('p.currency', '=', 'USD')
      .where('p.store_id', storeCondition === 'demo' ? '=' : '!=', demoStoreId)
      .orderBy('p.created_at')
      .limit(1)
      .executeTakeFirst();
  const picks = [await shipsToUs('demo'), await shipsToUs('other')].filter((p) => p !== undefined);
  if (picks.length === 0) return;
  const cart = await db.insertInto('carts').values({ user_id: buyerId }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('cart_lines')
    .values(picks.map((p, i) => ({ cart_id: cart.id, product_id: p.id, quantity: i + 1 })))
    .execute();
  const quote = await quoteCart(db, buyerId, 'US');
  if (quote.problems.length > 0 || !quote.currency) return;
  const { checkoutId } = await placeCheckout(ctx, buyerId, {
    idempotencyKey: '00000000-0000-4000-8000-00000000de70',
    address: {
      address: {
        fullName: 'Demo Buyer',
        line1: '1 Market Street',
        city: 'Springfield',
        region: 'IL',
        postalCode: '62701',
        country: 'US',
        save: true,
      },
    },
    payment: {
      card: {
        number: '4242424242424242',
        expMonth: 12,
        expYear: new Date().getUTCFullYear() + 4,
        cvc: '123',
        save: true,
      },
    },
    expectedTotal: { amount: quote.totalMinor, currency: quote.currency },
  });
  const order = await db
    .selectFrom('orders')
    .select('id')
    .where('checkout_id', '=', checkoutId)
    .where('store_id', '=', demoStoreId)
    .executeTakeFirst();
  if (!order) return;
  await shipOrder(ctx, demoStoreId, order.id, 'Souk Post', 'SOUK-DEMO-0001');
  await addTrackingEvent(ctx, demoStoreId, order.id, 'in_transit');
}
