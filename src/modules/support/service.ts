// Customer support tickets: a signed-in person opens one (optionally about one of their orders)
// and replies; staff with the support role answer and change its status from /admin.
// Status rules (decision 014): a staff reply sets "waiting_for_customer" (or "resolved" when
// staff say so); any reply by the requester sets "open", which reopens a resolved ticket.
import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, TicketCategory, TicketStatus } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { displayNameOf, emailAddressOf, recipientOf } from '../accounts/index.ts';
import { isOrderOfBuyer, orderNumberOf } from '../orders/index.ts';
import type { FromSchema } from '../../schemas.ts';
import { supportMails } from './mails.ts';
import type { NewTicketBody } from './schemas.ts';

/** Categories whose unresolved tickets concern money (refunds, charges): they block account deletion. */
export const MONEY_CATEGORIES: readonly TicketCategory[] = ['order_problem', 'seller_problem'];
/** A ticket holds at most this many messages; a longer conversation should be a new ticket. */
export const MAX_MESSAGES_PER_TICKET = 100;
/** How many unresolved tickets one person may have at once. */
export const MAX_UNRESOLVED_TICKETS = 10;

export type TicketScope = { requesterId: string } | { staff: true };
export type Person = { id: string; email: string };

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newReference = () =>
  `SUP-${Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('')}`;

const ticketColumns = [
  't.id',
  't.reference',
  't.category',
  't.subject',
  't.status',
  't.created_at',
  't.updated_at',
  't.order_id',
  't.requester_user_id',
] as const;

// The order's number and the requester's name and address come from their modules as subqueries
// of the same statement: one round trip per page, as the joins they replace.
function ticketQuery(db: Kysely<DB>, scope: TicketScope) {
  let query = db
    .selectFrom('support_tickets as t')
    .select(ticketColumns)
    .select((eb) => [
      orderNumberOf(eb.ref('t.order_id')).as('order_number'),
      displayNameOf(eb.ref('t.requester_user_id')).as('requester_name'),
      emailAddressOf(eb.ref('t.requester_user_id')).as('requester_email'),
    ])
    .select((eb) =>
      eb
        .selectFrom('support_messages as m')
        .select('m.from_staff')
        .whereRef('m.ticket_id', '=', 't.id')
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(1)
        .as('last_from_staff'),
    );
  if ('requesterId' in scope) query = query.where('t.requester_user_id', '=', scope.requesterId);
  return query;
}

type TicketRow = Awaited<ReturnType<ReturnType<typeof ticketQuery>['executeTakeFirstOrThrow']>>;

function summaryView(row: TicketRow) {
  return {
    id: row.id,
    reference: row.reference,
    category: row.category,
    subject: row.subject,
    status: row.status,
    order: row.order_id && row.order_number ? { id: row.order_id, number: row.order_number } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastMessageFrom: row.last_from_staff ? ('support' as const) : ('customer' as const),
  };
}

function adminSummaryView(row: TicketRow) {
  return {
    ...summaryView(row),
    requester:
      row.requester_name !== null && row.requester_email !== null
        ? { id: row.requester_user_id, displayName: row.requester_name, email: row.requester_email }
        : null,
  };
}

type ListOptions = { status?: TicketStatus; page: number; pageSize: number };
type TicketPage<T> = { items: T[]; total: number; page: number; pageSize: number };

/** A page of tickets: the requester's own, or (staff) everyone's, each with its requester. */
export function listTickets(
  db: Kysely<DB>,
  scope: { staff: true },
  options: ListOptions,
): Promise<TicketPage<ReturnType<typeof adminSummaryView>>>;
export function listTickets(
  db: Kysely<DB>,
  scope: { requesterId: string },
  options: ListOptions,
): Promise<TicketPage<ReturnType<typeof summaryView>>>;
export async function listTickets(db: Kysely<DB>, scope: TicketScope, options: ListOptions) {
  let query = ticketQuery(db, scope);
  let count = db.selectFrom('support_tickets as t').select((eb) => eb.fn.countAll<string>().as('n'));
  if ('requesterId' in scope) count = count.where('t.requester_user_id', '=', scope.requesterId);
  if (options.status) {
    query = query.where('t.status', '=', options.status);
    count = count.where('t.status', '=', options.status);
  }
  const [rows, total] = await Promise.all([
    query
      .orderBy('t.updated_at', 'desc')
      .orderBy('t.id')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  const view = 'staff' in scope ? adminSummaryView : summaryView;
  return { items: rows.map(view), total: Number(total.n), page: options.page, pageSize: options.pageSize };
}

async function messagesOf(db: Kysely<DB>, ticketId: string) {
  return db
    .selectFrom('support_messages as m')
    .select((eb) => [
      'm.id',
      'm.from_staff',
      'm.body',
      'm.created_at',
      displayNameOf(eb.ref('m.author_user_id')).as('author_name'),
    ])
    .where('m.ticket_id', '=', ticketId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

/** The requester's view of their ticket; 404 for anyone else's, exactly like one that does not exist. */
export async function getTicket(db: Kysely<DB>, ticketId: string, requesterId: string) {
  const row = await ticketQuery(db, { requesterId }).where('t.id', '=', ticketId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const messages = await messagesOf(db, ticketId);
  return {
    ...summaryView(row),
    messages: messages.map((m) => ({
      id: m.id,
      from: m.from_staff ? ('support' as const) : ('customer' as const),
      body: m.body,
      createdAt: m.created_at.toISOString(),
    })),
  };
}

/** The staff view: who asked, and which staff member wrote each reply. */
export async function getTicketForStaff(db: Kysely<DB>, ticketId: string) {
  const row = await ticketQuery(db, { staff: true }).where('t.id', '=', ticketId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const messages = await messagesOf(db, ticketId);
  return {
    ...adminSummaryView(row),
    messages: messages.map((m) => ({
      id: m.id,
      from: m.from_staff ? ('support' as const) : ('customer' as const),
      body: m.body,
      createdAt: m.created_at.toISOString(),
      authorName: m.author_name,
    })),
  };
}

export type NewTicket = FromSchema<typeof NewTicketBody>;

export async function openTicket(ctx: AppContext, requester: Person, input: NewTicket): Promise<string> {
  const { db, rateLimiter } = ctx;
  await rateLimiter.consume(`support-open:user:${requester.id}`, { max: 5, windowSeconds: 3600 });
  await rateLimiter.consume(`support-open-day:user:${requester.id}`, { max: 20, windowSeconds: 86_400 });
  return db.transaction().execute(async (trx) => {
    if (input.orderId) {
      if (!(await isOrderOfBuyer(trx, input.orderId, requester.id)))
        throw new AppError('NOT_FOUND', { details: [{ field: 'orderId', message: 'no such order of yours' }] });
    }
    const unresolved = await trx
      .selectFrom('support_tickets')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('requester_user_id', '=', requester.id)
      .where('status', '!=', 'resolved')
      .executeTakeFirstOrThrow();
    if (Number(unresolved.n) >= MAX_UNRESOLVED_TICKETS) throw new AppError('LIMIT_REACHED');
    const ticket = await trx
      .insertInto('support_tickets')
      .values({
        reference: newReference(),
        requester_user_id: requester.id,
        category: input.category,
        order_id: input.orderId ?? null,
        subject: input.subject.trim(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('support_messages')
      .values({ ticket_id: ticket.id, author_user_id: requester.id, from_staff: false, body: input.body.trim() })
      .execute();
    return ticket.id;
  });
}

async function assertRoomForMessage(db: Kysely<DB>, ticketId: string): Promise<void> {
  const row = await db
    .selectFrom('support_messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= MAX_MESSAGES_PER_TICKET) throw new AppError('LIMIT_REACHED');
}

/** The requester answers: the ticket is "open" again, even if it was resolved. */
export async function replyAsRequester(
  ctx: AppContext,
  requester: Person,
  ticketId: string,
  body: string,
): Promise<void> {
  const { db, rateLimiter } = ctx;
  const ticket = await db
    .selectFrom('support_tickets')
    .select('id')
    .where('id', '=', ticketId)
    .where('requester_user_id', '=', requester.id)
    .executeTakeFirst();
  if (!ticket) throw new AppError('NOT_FOUND');
  await rateLimiter.consume(`support-reply:user:${requester.id}`, { max: 30, windowSeconds: 3600 });
  await assertRoomForMessage(db, ticketId);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('support_messages')
      .values({ ticket_id: ticketId, author_user_id: requester.id, from_staff: false, body: body.trim() })
      .execute();
    await trx
      .updateTable('support_tickets')
      .set({ status: 'open', resolved_at: null, updated_at: sql<Date>`now()` })
      .where('id', '=', ticketId)
      .execute();
  });
}

/**
 * The requester closes their own ticket ("Close this request"): resolved, as if staff had resolved
 * it. Closing a resolved ticket changes nothing; another person's ticket is NOT_FOUND.
 */
export async function closeAsRequester(db: Kysely<DB>, requester: Person, ticketId: string): Promise<void> {
  const ticket = await db
    .selectFrom('support_tickets')
    .select('id')
    .where('id', '=', ticketId)
    .where('requester_user_id', '=', requester.id)
    .executeTakeFirst();
  if (!ticket) throw new AppError('NOT_FOUND');
  await db
    .updateTable('support_tickets')
    .set({ status: 'resolved', resolved_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', ticketId)
    .where('requester_user_id', '=', requester.id)
    .where('status', '!=', 'resolved')
    .execute();
}

/** Staff answer: "waiting for customer" unless they resolve it at once; the requester is mailed. */
export async function replyAsStaff(
  ctx: AppContext,
  staffId: string,
  ticketId: string,
  body: string,
  status: Exclude<TicketStatus, 'open'> = 'waiting_for_customer',
): Promise<void> {
  const { db, mail, config } = ctx;
  await assertRoomForMessage(db, ticketId);
  const outboxId = await db.transaction().execute(async (trx) => {
    const ticket = await trx
      .updateTable('support_tickets')
      .set({ status, resolved_at: status === 'resolved' ? sql<Date>`now()` : null, updated_at: sql<Date>`now()` })
      .where('id', '=', ticketId)
      .returning(['id', 'reference', 'subject', 'requester_user_id'])
      .executeTakeFirst();
    if (!ticket) throw new AppError('NOT_FOUND');
    await trx
      .insertInto('support_messages')
      .values({ ticket_id: ticketId, author_user_id: staffId, from_staff: true, body: body.trim() })
      .execute();
    const requester = await recipientOf(trx, ticket.requester_user_id);
    // A deactivated account receives no more notifications (issue 5).
    if (requester.status !== 'active') return null;
    return mail.enqueue(trx, {
      to: requester.email,
      userId: requester.id,
      kind: 'support_replies',
      mail: supportMails.staffReplied(requester.language, {
        reference: ticket.reference,
        subject: ticket.subject,
        url: `${config.publicUrl}/account/support/${ticket.id}`,
      }),
    });
  });
  await mail.dispatch([outboxId]);
}

export async function setTicketStatus(db: Kysely<DB>, ticketId: string, status: TicketStatus): Promise<void> {
  const result = await db
    .updateTable('support_tickets')
    .set({
      status,
      resolved_at: status === 'resolved' ? sql<Date>`coalesce(resolved_at, now())` : null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new AppError('NOT_FOUND');
}

/** Unresolved tickets about money: for the account-deletion page, which lists them as blockers. */
export async function blockingTicketsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('support_tickets')
    .select(['id', 'reference', 'subject', 'category', 'status'])
    .where('requester_user_id', '=', userId)
    .where('status', '!=', 'resolved')
    .where('category', 'in', [...MONEY_CATEGORIES])
    .orderBy('created_at')
    .execute();
}
