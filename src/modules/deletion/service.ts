// Deleting one's own account, the person's half: what will happen (with their numbers), what
// blocks it, and the request itself, which deactivates the account at once. Management and the
// erasure job complete it later (eraseAccount, src/erasure/executor.ts). "This wasn't me"
// cancels a pending request and forces a password reset.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, DeletionStatus, LeavingReason } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { hashToken, readableCode } from '../../tokens.ts';
import { assertCurrentPassword } from '../auth/index.ts';
import { emailOf, lockAccount, setAccountStatus } from '../accounts/index.ts';
import { endResetLinks } from '../auth/index.ts';
import { countAddressesOf } from '../addresses/index.ts';
import { endSessionsOf, scramblePasswordOf } from '../auth/index.ts';
import type { SessionUser } from '../auth/index.ts';
import { hideStoreOf, storeIdsOwnedBy, storeNameOf } from '../catalog/index.ts';
import { dropUnsentOptionalMailOf } from '../mail/index.ts';
import { deletionMails } from './mails.ts';
import { countMessagesSentBy } from '../messages/index.ts';
import { keptOrdersOf, liveOrdersOf, liveOrdersToStoreOf } from '../orders/index.ts';
import { countSavedCardsOf } from '../payments/index.ts';
import { countPostsOf } from '../posts/index.ts';
import { openReturnsOf } from '../returns/index.ts';
import { blockingTicketsOf } from '../support/index.ts';
import type { FromSchema } from '../../schemas.ts';
import type { DeletionRequestBody } from './routes.ts';

/** A session younger than this may skip typing the password again. */
export const FRESH_SESSION_MS = 10 * 60_000;

export const LEAVING_REASONS: ReadonlyArray<{ value: LeavingReason; label: string }> = [
  { value: 'too_much_money', label: 'Spending too much money' },
  { value: 'data_worries', label: 'Worried about my data / data breaches' },
  { value: 'bad_seller_experience', label: 'Bad experience with a seller' },
  { value: 'bad_support_experience', label: 'Bad experience with customer support' },
  { value: 'other_account', label: 'I have another account' },
  { value: 'other', label: 'Other' },
];

/** What stops a deletion for now, with what the person can do about it (shown beside it). */
export const BLOCKER_KINDS = ['order', 'store_order', 'ticket', 'return'] as const;
/**
 * Which sentence a blocker's label and howToClear are: a stable code a client words in its own
 * language (the web's deletion catalogue), with `params` for the placeholders; the English texts stay.
 */
export const BLOCKER_CODES = [
  'order_paid',
  'order_awaiting_payment',
  'return_escalated',
  'return_buyer',
  'return_seller',
  'ticket_order',
  'ticket_seller',
  'store_order_paid',
  'store_order_awaiting_payment',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];
export type Blocker = {
  kind: (typeof BLOCKER_KINDS)[number];
  code: BlockerCode;
  /** The label's variable parts: the order or return number, the request's reference and subject. */
  params: { number?: string; reference?: string; subject?: string };
  id: string;
  label: string;
  howToClear: string;
  url: string;
};

const newReference = () => {
  const code = readableCode(8);
  return `DEL-${code.slice(0, 4)}-${code.slice(4)}`;
};

export async function blockersOf(db: Kysely<DB>, userId: string): Promise<Blocker[]> {
  const own = await liveOrdersOf(db, userId);
  const sales = await liveOrdersToStoreOf(db, userId);
  return [
    ...own.map((o) => ({
      kind: 'order' as const,
      code: o.status === 'paid' ? ('order_paid' as const) : ('order_awaiting_payment' as const),
      params: { number: o.number },
      id: o.id,
      url: `/account/orders/${o.id}`,
      label:
        o.status === 'paid'
          ? `Your order ${o.number} is paid and has not shipped yet.`
          : `Your order ${o.number} is awaiting payment.`,
      howToClear:
        o.status === 'paid'
          ? 'Wait until it ships, or cancel it on the order page (you are refunded).'
          : 'Pay for it, or cancel it on the order page.',
    })),
    ...(await openReturnsOf(db, userId, storeIdsOwnedBy(userId))).map((r) => ({
      kind: 'return' as const,
      code:
        r.status === 'escalated'
          ? ('return_escalated' as const)
          : r.as_buyer
            ? ('return_buyer' as const)
            : ('return_seller' as const),
      params: { number: r.number },
      id: r.id,
      url: r.as_buyer ? `/account/orders/${r.order_id}` : '/seller/orders?status=all',
      label:
        r.status === 'escalated'
          ? `The return ${r.number} is a dispute Souk support has not decided yet.`
          : r.as_buyer
            ? `Your return ${r.number} is still under way.`
            : `The return ${r.number} to your store is still under way.`,
      howToClear:
        r.status === 'escalated'
          ? 'Wait for our decision (we answer within 7 days).'
          : r.as_buyer
            ? 'Withdraw it on the order page, or wait until it is refunded.'
            : 'Answer it (accept, offer a partial refund or refuse), or refund the return you received.',
    })),
    ...(await blockingTicketsOf(db, userId)).map((t) => ({
      kind: 'ticket' as const,
      code: t.category === 'order_problem' ? ('ticket_order' as const) : ('ticket_seller' as const),
      params: { reference: t.reference, subject: t.subject },
      id: t.id,
      url: `/account/support/${t.id}`,
      label: `Your support request ${t.reference} (“${t.subject}”) about ${t.category === 'order_problem' ? 'an order' : 'a seller'} is still open.`,
      howToClear:
        'If you need nothing more, close it on the request page ("Close this request"); otherwise wait for our answer.',
    })),
    ...sales.map((o) => ({
      kind: 'store_order' as const,
      code: o.status === 'paid' ? ('store_order_paid' as const) : ('store_order_awaiting_payment' as const),
      params: { number: o.number },
      id: o.id,
      url: '/seller/orders',
      label:
        o.status === 'paid'
          ? `Order ${o.number} to your store is paid and waiting for you to ship it.`
          : `Order ${o.number} to your store is awaiting the buyer's payment.`,
      howToClear:
        o.status === 'paid'
          ? "Ship it, or cancel it from your store's orders (the buyer is refunded)."
          : "Wait for the buyer to pay, or cancel it from your store's orders.",
    })),
  ];
}

export async function deletionPreview(ctx: AppContext, user: SessionUser) {
  const { db, config } = ctx;
  const kept = await keptOrdersOf(db, user.id);
  const storeName = await storeNameOf(db, user.id);
  return {
    email: user.email,
    erased: {
      posts: await countPostsOf(db, user.id),
      messages: await countMessagesSentBy(db, user.id),
      savedCards: await countSavedCardsOf(db, user.id),
      addresses: await countAddressesOf(db, user.id),
      store: storeName === null ? null : { name: storeName },
    },
    keptOrders: kept.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      placedAt: o.placed_at.toISOString(),
      storeName: o.store_name,
      trackingNumber: o.tracking_number,
    })),
    retentionYears: config.orderRetentionYears,
    dueDays: config.deletionDueDays,
    blockers: await blockersOf(db, user.id),
    passwordRequired: Date.now() - user.sessionCreatedAt.getTime() >= FRESH_SESSION_MS,
    reasons: [...LEAVING_REASONS],
  };
}

export type DeletionInput = FromSchema<typeof DeletionRequestBody>;

/** Deactivates the account at once and records the request; returns its reference and due date. */
export async function requestDeletion(
  ctx: AppContext,
  user: SessionUser,
  input: DeletionInput,
): Promise<{ reference: string; dueAt: Date }> {
  const { db, config } = ctx;
  if (input.confirmEmail.trim().toLowerCase() !== user.email.toLowerCase()) {
    throw new AppError('CONFIRM_EMAIL_MISMATCH');
  }
  // A fresh session may skip the password; a password given is checked whatever the session's age.
  if (!input.password && Date.now() - user.sessionCreatedAt.getTime() >= FRESH_SESSION_MS)
    throw new AppError('INVALID_PASSWORD', { message: 'Enter your password to confirm it is you.' });
  if (input.password) await assertCurrentPassword(ctx, user.id, input.password);
  const token = randomBytes(32).toString('base64url');
  const dueAt = new Date(Date.now() + config.deletionDueDays * 86400_000);
  const processAfter = new Date(Date.now() + config.deletionWaitHours * 3600_000);
  const { reference, mailId } = await db.transaction().execute(async (trx) => {
    // Lock the account first: a checkout running now holds it FOR SHARE, so its order is counted
    // below; one starting later sees the account deactivated. No live order is left behind.
    const { language } = await lockAccount(trx, user.id);
    const blockers = await blockersOf(trx, user.id);
    if (blockers.length > 0) {
      throw new AppError('DELETION_BLOCKED', {
        details: blockers.map((b) => ({ field: b.kind, message: `${b.label} ${b.howToClear}` })),
      });
    }
    // One request at a time per account; the partial unique index settles races.
    const inserted = await trx
      .insertInto('deletion_requests')
      .values({
        reference: newReference(),
        user_id: user.id,
        due_at: dueAt,
        process_after: processAfter,
        cancel_token_hash: hashToken(token),
      })
      .onConflict((oc) =>
        oc.column('user_id').where('status', 'in', ['received', 'processing', 'needs_attention']).doNothing(),
      )
      .returning('reference')
      .executeTakeFirst();
    if (!inserted) throw new AppError('DELETION_PENDING');
    if (input.reason || input.comment?.trim()) {
      await trx
        .insertInto('leaving_feedback')
        .values({
          reason: input.reason ?? null,
          comment: input.comment?.trim() || null,
          week: sql<string>`date_trunc('week', now())::date`,
        })
        .execute();
    }
    await setAccountStatus(trx, user.id, 'deactivated');
    await endSessionsOf(trx, user.id);
    // No way back in while the request waits: reset links end too. (A pending email change stays
    // for the erasure, which finds the mail sent to its new address through it.)
    await endResetLinks(trx, user.id);
    await hideStoreOf(trx, user.id);
    // Unsent mail of optional kinds stops now; the receipt below is the only mail still to come.
    await dropUnsentOptionalMailOf(trx, user.id);
    const mailId = await ctx.mail.enqueue(trx, {
      to: user.email,
      userId: user.id,
      kind: 'account_security',
      mail: deletionMails.received(language, {
        reference: inserted.reference,
        dueAt,
        notMeUrl: `${config.publicUrl}/account/deletion/not-me?token=${token}`,
      }),
    });
    return { reference: inserted.reference, mailId };
  });
  await ctx.mail.dispatch([mailId]);
  return { reference, dueAt };
}

/**
 * "This wasn't me": stops a pending request, reactivates the account with an unusable password
 * and mails a reset link, so only the owner of the mailbox gets back in.
 */
export async function cancelDeletion(ctx: AppContext, token: string): Promise<void> {
  const { db } = ctx;
  const pending: DeletionStatus[] = ['received', 'needs_attention'];
  const email = await db.transaction().execute(async (trx) => {
    const request = await trx
      .updateTable('deletion_requests')
      .set({ status: 'cancelled', cancelled_at: sql<Date>`now()`, cancel_token_hash: null })
      .where('cancel_token_hash', '=', hashToken(token))
      .where('status', 'in', pending)
      .returning('user_id')
      .executeTakeFirst();
    if (!request?.user_id) throw new AppError('TOKEN_INVALID');
    await setAccountStatus(trx, request.user_id, 'active');
    await scramblePasswordOf(trx, request.user_id);
    await endSessionsOf(trx, request.user_id);
    return emailOf(trx, request.user_id);
  });
  await (await ctx.auth()).api.requestPasswordReset({ body: { email }, headers: new Headers() });
}
