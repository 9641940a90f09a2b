// Which mail goes first when the outbox holds a backlog (decision 032). Lower goes first; within a
// priority, older first. Written on the row at enqueue (migration 031 indexes it that way).
import type { NotificationKind } from './notification-kinds.ts';

const PRIORITY_OF_KIND: Record<NotificationKind, 0 | 1 | 2> = {
  // Verification, password reset, email change, deletion receipts, "this wasn't me": a person is
  // waiting for the link, or must learn at once that someone else acts on their account.
  account_security: 0,
  order_receipts: 1,
  order_updates: 1,
  messages: 1,
  support_replies: 1,
  // Deals and news may wait behind everything else.
  offers: 2,
};

export const mailPriorityOf = (kind: NotificationKind): number => PRIORITY_OF_KIND[kind];
