// "Download your data": everything Souk holds about one account, as one JSON document, each
// module's part read through its erasure.ts (the module that erases a table is the one that
// exports it). Secrets are left out (password hash, session tokens, card provider tokens): they
// are not information about the person, and an export file must not let its finder sign in or pay.
import type { AppContext } from '../../context.ts';
import { exportAccountPreferencesOf, exportNotificationPreferencesOf, exportProfileOf } from '../accounts/index.ts';
import { exportAddressesOf } from '../addresses/index.ts';
import { exportSessionsOf } from '../auth/index.ts';
import { exportCartOf } from '../cart/index.ts';
import { exportRecentViewsOf, exportSavedItemsOf } from '../saved/index.ts';
import { exportStoreOf } from '../catalog/index.ts';
import { exportConversationsOf, exportMessagesWrittenForStoreBy } from '../messages/index.ts';
import { exportOrdersOf } from '../orders/index.ts';
import { exportSavedCardsOf } from '../payments/index.ts';
import { exportPostsOf } from '../posts/index.ts';
import { exportReturnsOf } from '../returns/index.ts';
import { rolesOf } from '../roles/index.ts';
import { exportSupportTicketsOf } from '../support/index.ts';

export async function exportAccountData(ctx: AppContext, userId: string) {
  const { db } = ctx;
  const profile = await exportProfileOf(db, userId);
  const [sessions, notificationPreferences, addresses, savedCards, cart, store, orders] = await Promise.all([
    exportSessionsOf(db, userId),
    exportNotificationPreferencesOf(db, userId),
    exportAddressesOf(db, userId),
    exportSavedCardsOf(db, userId),
    exportCartOf(db, userId),
    exportStoreOf(db, userId),
    exportOrdersOf(db, userId),
  ]);
  const [savedItems, recentlyViewed, preferences] = await Promise.all([
    exportSavedItemsOf(db, userId),
    exportRecentViewsOf(db, userId),
    exportAccountPreferencesOf(db, userId),
  ]);
  const [posts, conversations, messagesWrittenForYourStore, supportTickets, returns] = await Promise.all([
    exportPostsOf(db, userId),
    exportConversationsOf(db, userId),
    exportMessagesWrittenForStoreBy(db, userId),
    exportSupportTicketsOf(db, userId),
    exportReturnsOf(db, userId),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    format: 'souk-account-export/1',
    profile,
    roles: await rolesOf(db, userId),
    sessions,
    notificationPreferences,
    preferences,
    addresses,
    savedCards,
    cart,
    savedItems,
    recentlyViewed,
    orders,
    returns,
    store,
    posts,
    conversations,
    messagesWrittenForYourStore,
    supportTickets,
  };
}
