// First start in development: a demo marketplace with a demo buyer and a demo seller
// (credentials in the README) so there is something to browse and try at once.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { hashPassword } from '../auth/password-policy.ts';
import { catalogIsEmpty, seedCatalog } from './seed.ts';

export const DEMO_ACCOUNTS = {
  buyer: { email: 'buyer@souk.example', password: 'demo-buyer-saffron-42', name: 'Demo Buyer' },
  seller: { email: 'seller@souk.example', password: 'demo-seller-cedar-42', name: 'Demo Seller' },
} as const;

async function createVerifiedUser(ctx: AppContext, account: { email: string; password: string; name: string }): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  const hash = await hashPassword(account.password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values({ id, email: account.email, email_verified: true, display_name: account.name, image: null, phone: null, country: 'US', updated_at: new Date() }).execute();
    await trx
      .insertInto('accounts')
      .values({
        id: randomBytes(16).toString('base64url'), user_id: id, account_id: id, provider_id: 'credential', password: hash,
        access_token: null, refresh_token: null, id_token: null, access_token_expires_at: null, refresh_token_expires_at: null, scope: null, updated_at: new Date(),
      })
      .execute();
  });
  return id;
}

/** Seeds the demo marketplace when the catalog is empty. Returns false when there was data already. */
export async function seedDemoIfEmpty(ctx: AppContext, options: { products?: number; stores?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<boolean> {
  if (!(await catalogIsEmpty(ctx.db))) return false;
  await seedCatalog(ctx.db, { products: options.products ?? 2000, stores: options.stores ?? 50, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const existing = await ctx.db.selectFrom('users').select('email').where('email', 'in', [DEMO_ACCOUNTS.buyer.email, DEMO_ACCOUNTS.seller.email]).execute();
  const have = new Set(existing.map((u) => u.email));
  if (!have.has(DEMO_ACCOUNTS.buyer.email)) await createVerifiedUser(ctx, DEMO_ACCOUNTS.buyer);
  if (!have.has(DEMO_ACCOUNTS.seller.email)) {
    const sellerId = await createVerifiedUser(ctx, DEMO_ACCOUNTS.seller);
    const store = await ctx.db.selectFrom('stores').select('id').where('owner_user_id', 'is', null).orderBy('created_at').limit(1).executeTakeFirst();
    if (store) await ctx.db.updateTable('stores').set({ owner_user_id: sellerId, name: 'Souk Demo Store' }).where('id', '=', store.id).execute();
  }
  return true;
}
