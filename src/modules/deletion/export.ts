// "Download your data": everything Souk holds about one account, as one JSON document.
// Secrets are left out (password hash, session tokens, card provider tokens): they are not
// information about the person, and an export file must not let its finder sign in or pay.
import { jsonArrayFrom } from 'kysely/helpers/postgres';
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
  const [reviews, questions, answers, votes, reports, conversations, sentInStores, tickets] = await Promise.all([
    db.selectFrom('reviews as r').innerJoin('products as p', 'p.id', 'r.product_id')
      .select(['r.id', 'r.product_id', 'p.title as product_title', 'r.rating', 'r.body', 'r.photo_count', 'r.helpful_count', 'r.hidden_at', 'r.created_at', 'r.updated_at'])
      .where('r.author_user_id', '=', userId).orderBy('r.created_at').execute(),
    db.selectFrom('questions as q').innerJoin('products as p', 'p.id', 'q.product_id')
      .select(['q.id', 'q.product_id', 'p.title as product_title', 'q.body', 'q.hidden_at', 'q.created_at', 'q.updated_at'])
      .where('q.author_user_id', '=', userId).orderBy('q.created_at').execute(),
    db.selectFrom('answers').select(['id', 'question_id', 'by_seller', 'body', 'hidden_at', 'created_at', 'updated_at'])
      .where('author_user_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('review_votes').select(['review_id', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('post_reports').select(['review_id', 'question_id', 'answer_id', 'reason', 'note', 'created_at', 'resolved_at'])
      .where('reporter_user_id', '=', userId).orderBy('created_at').execute(),
    // Conversations as a buyer, with both sides' messages (what the person wrote and was told).
    db.selectFrom('conversations as c').innerJoin('stores as s', 's.id', 'c.store_id')
      .select((eb) => ['c.id', 's.name as store_name', 'c.product_id', 'c.order_id', 'c.created_at',
        jsonArrayFrom(eb.selectFrom('messages as m').select(['m.sender_side', 'm.body', 'm.created_at'])
          .whereRef('m.conversation_id', '=', 'c.id').orderBy('m.created_at').orderBy('m.id')).as('messages')])
      .where('c.buyer_user_id', '=', userId).orderBy('c.created_at').execute(),
    // Messages the person wrote for a store (as its owner), in conversations that are the store's.
    db.selectFrom('messages').select(['conversation_id', 'body', 'created_at'])
      .where('sender_user_id', '=', userId).where('sender_side', '=', 'store').orderBy('created_at').execute(),
    db.selectFrom('support_tickets as t')
      .select((eb) => ['t.reference', 't.category', 't.subject', 't.status', 't.created_at', 't.resolved_at',
        jsonArrayFrom(eb.selectFrom('support_messages as m').select(['m.from_staff', 'm.body', 'm.created_at'])
          .whereRef('m.ticket_id', '=', 't.id').orderBy('m.created_at')).as('messages')])
      .where('t.requester_user_id', '=', userId).orderBy('t.created_at').execute(),
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
    posts: { reviews, questions, answers, helpfulVotes: votes, reports },
    conversations,
    messagesWrittenForYourStore: sentInStores,
    supportTickets: tickets,
  };
}
