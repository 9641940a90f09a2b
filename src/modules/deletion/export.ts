// "Download your data": everything Souk holds about one account, as one JSON document.
// Secrets are left out (password hash, session tokens, card provider tokens): they are not
// information about the person, and an export file must not let its finder sign in or pay.
import type { AppContext } from '../../context.ts';
import { listOrders, orderView } from '../orders/repository.ts';
import { rolesOf } from '../roles/service.ts';

export async function exportAccountData(ctx: AppContext, userId: string) {
  const { db } = ctx;
  const user = await db.selectFrom('users').select(['id', 'email', 'email_verified', 'display_name', 'phone', 'country', 'status', 'created_at'])
    .where('id', '=', userId).executeTakeFirstOrThrow();
  const [sessions, preferences, addresses, cards, cart, store, orders] = await Promise.all([
    db.selectFrom('sessions').select(['created_at', 'updated_at', 'expires_at', 'user_agent', 'ip_address']).where('user_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('notification_preferences').select(['kind', 'enabled', 'updated_at']).where('user_id', '=', userId).orderBy('kind').execute(),
    db.selectFrom('addresses').select(['full_name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'phone', 'is_default', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('payment_methods').select(['provider', 'brand', 'last4', 'exp_month', 'exp_year', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('cart_lines as l').innerJoin('carts as c', 'c.id', 'l.cart_id').innerJoin('products as p', 'p.id', 'l.product_id')
      .select(['p.id as product_id', 'p.title', 'l.quantity', 'l.added_at']).where('c.user_id', '=', userId).orderBy('l.added_at').execute(),
    db.selectFrom('stores').select(['id', 'name', 'country', 'description', 'status', 'created_at']).where('owner_user_id', '=', userId).executeTakeFirst(),
    listOrders(db, { buyerUserId: userId }, { page: 1, pageSize: 100_000 }),
  ]);
  const products = store
    ? await db.selectFrom('products').select(['id', 'title', 'description', 'category_slug', 'price_minor', 'currency', 'stock', 'status', 'created_at']).where('store_id', '=', store.id).orderBy('created_at').execute()
    : [];
  return {
    exportedAt: new Date().toISOString(),
    format: 'souk-account-export/1',
    profile: user,
    roles: await rolesOf(db, userId),
    sessions,
    notificationPreferences: preferences,
    addresses,
    savedCards: cards,
    cart,
    orders: orders.rows.map((r) => orderView(r, 'buyer')),
    store: store ? { ...store, products } : null,
  };
}
