// Management's side of account deletion (/api/admin, staff only): the queue with its deadlines,
// processing a request now, holding one only for a recorded legal reason (the person is told by
// mail), resolving what a verification found (erase the value, or mark it "not this person's data"
// with a written reason; decision 031), and why people leave. Every action goes to the audit log,
// which names requests by reference only.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import {
  DELETION_STATUSES,
  FINDING_STATUSES,
  type DB,
  type DeletionStatus,
  type FindingStatus,
} from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import type { IdentifierKind } from '../../erasure/identifiers.ts';
import { eraseOwnedRow } from '../../erasure/ownership.ts';
import { erasureRegistry } from './registry.ts';
import { cellText, identifiersFound, redactQuotes } from '../../erasure/verify.ts';
import {
  NoBodySchema,
  errorResponses,
  obj,
  UuidSchema as Uuid,
  DateTimeSchema,
  PageQuery,
  type FromSchema,
  type RouteApp,
} from '../../schemas.ts';
import { contactOf } from '../accounts/index.ts';
import { deletionMails, type HoldReason } from './mails.ts';
import { productOfPost } from '../posts/index.ts';
import { requireRole } from '../roles/index.ts';
import { ticketOfMessage } from '../support/index.ts';
import { processDeletion, type ProcessOutcome } from './process.ts';
import { LEAVING_REASONS } from './service.ts';

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;

export const HOLD_REASONS = [
  { value: 'open_chargeback', label: 'An open chargeback or payment dispute must be settled first.' },
  { value: 'legal_request', label: 'A court or public authority has asked us to keep the data for now.' },
  { value: 'fraud_investigation', label: 'An investigation of fraud involving the account is under way.' },
] as const satisfies ReadonlyArray<{ value: HoldReason; label: string }>;

const FILTERS = {
  open: ['received', 'processing', 'needs_attention'],
  completed: ['completed'],
  cancelled: ['cancelled'],
} as const;

/** What a verification found: one of the person's identifiers, or a row that was theirs (decision 031). */
const FindingIdentifierSchema = {
  type: 'string',
  enum: ['email', 'phone', 'user id', 'upload key', 'token', 'ownership'],
} as const satisfies { type: 'string'; enum: ReadonlyArray<IdentifierKind | 'ownership'> };
type FindingIdentifier = FromSchema<typeof FindingIdentifierSchema>;

const RequestSchema = obj({
  id: str,
  reference: str,
  status: { type: 'string', enum: DELETION_STATUSES },
  receivedAt: DateTimeSchema,
  dueAt: DateTimeSchema,
  processAfter: DateTimeSchema,
  secondsLeft: { type: 'integer', description: 'Until the due date; negative when overdue.' },
  overdue: { type: 'boolean' },
  holdReason: nullableStr,
  holdLabel: nullableStr,
  attention: nullableStr,
  completedAt: { type: ['string', 'null'], format: 'date-time' },
  certificate: { type: ['object', 'null'], additionalProperties: true },
  findings: {
    type: 'array',
    description: 'What the verification found and could not settle itself (open), and what staff resolved.',
    items: obj({
      id: str,
      table: str,
      column: str,
      rowKey: { type: 'string', description: "The row's primary key, as a JSON array." },
      link: { type: ['string', 'null'], description: 'A page showing the row, where there is one.' },
      identifier: FindingIdentifierSchema,
      excerpt: { type: 'string', description: 'The text around the place, the identifier masked.' },
      status: { type: 'string', enum: FINDING_STATUSES },
      reason: nullableStr,
      resolvedAt: { type: ['string', 'null'], format: 'date-time' },
    }),
  },
});

const PROCESS_OUTCOMES = ['completed', 'needs_attention', 'skipped'] as const satisfies readonly ProcessOutcome[];
const ProcessedSchema = {
  ...RequestSchema,
  properties: { ...RequestSchema.properties, outcome: { type: 'string', enum: PROCESS_OUTCOMES } },
  required: [...RequestSchema.required, 'outcome'],
} as const;

type FindingRow = {
  id: string;
  request_id: string;
  table_name: string;
  column_name: string;
  row_key: string;
  identifier: FindingIdentifier;
  excerpt: string;
  status: FindingStatus;
  reason: string | null;
  resolved_at: Date | null;
};
const FINDING_COLUMNS = [
  'id',
  'request_id',
  'table_name',
  'column_name',
  'row_key',
  'identifier',
  'excerpt',
  'status',
  'reason',
  'resolved_at',
] as const;

/** The web page that shows a row of these tables, from its first key column. */
async function linkOf(db: Kysely<DB>, table: string, rowKey: string): Promise<string | null> {
  let id: unknown;
  try {
    id = (JSON.parse(rowKey) as unknown[])[0];
  } catch {
    return null;
  }
  if (typeof id !== 'string') return null;
  const product = (productId: string | null | undefined) => (productId ? `/p/${productId}` : null);
  switch (table) {
    case 'products':
      return product(id);
    case 'reviews':
    case 'questions':
    case 'answers':
      return product(await productOfPost(db, table, id));
    case 'support_tickets':
      return `/admin/tickets/${id}`;
    case 'support_messages': {
      const ticket = await ticketOfMessage(db, id);
      return ticket ? `/admin/tickets/${ticket}` : null;
    }
    default:
      return null;
  }
}

type Row = {
  id: string;
  reference: string;
  status: DeletionStatus;
  received_at: Date;
  due_at: Date;
  process_after: Date;
  hold_reason: string | null;
  attention: string | null;
  completed_at: Date | null;
  certificate: unknown;
};

async function findingsView(db: Kysely<DB>, findings: FindingRow[]) {
  return Promise.all(
    findings.map(async (f) => ({
      id: f.id,
      table: f.table_name,
      column: f.column_name,
      rowKey: f.row_key,
      link: f.status === 'open' ? await linkOf(db, f.table_name, f.row_key) : null,
      identifier: f.identifier,
      excerpt: f.excerpt,
      status: f.status,
      reason: f.reason,
      resolvedAt: f.resolved_at?.toISOString() ?? null,
    })),
  );
}

/** The findings of these requests, open ones first. */
async function findingsOf(db: Kysely<DB>, requestIds: string[]): Promise<Map<string, FindingRow[]>> {
  const byRequest = new Map<string, FindingRow[]>();
  if (requestIds.length === 0) return byRequest;
  // The identifier column holds only what verification writes (src/erasure/verify.ts).
  const rows = await db
    .selectFrom('deletion_findings')
    .select(FINDING_COLUMNS)
    .$narrowType<{ identifier: FindingIdentifier }>()
    .where('request_id', 'in', requestIds)
    .orderBy(sql`status = 'open'`, 'desc')
    .orderBy('table_name')
    .orderBy('column_name')
    .orderBy('row_key')
    .execute();
  for (const row of rows) byRequest.set(row.request_id, [...(byRequest.get(row.request_id) ?? []), row]);
  return byRequest;
}

function view(r: Row) {
  const secondsLeft = Math.round((r.due_at.getTime() - Date.now()) / 1000);
  const open = r.status !== 'completed' && r.status !== 'cancelled';
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    receivedAt: r.received_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    processAfter: r.process_after.toISOString(),
    secondsLeft,
    overdue: open && secondsLeft < 0,
    holdReason: r.hold_reason,
    holdLabel: HOLD_REASONS.find((h) => h.value === r.hold_reason)?.label ?? null,
    attention: r.attention,
    completedAt: r.completed_at?.toISOString() ?? null,
    certificate: (r.certificate ?? null) as Record<string, unknown> | null,
  };
}

const COLUMNS = [
  'id',
  'reference',
  'status',
  'received_at',
  'due_at',
  'process_after',
  'hold_reason',
  'attention',
  'completed_at',
  'certificate',
] as const;

/** audit_log.detail holds at most 500 characters (a check in migration 014). */
const AUDIT_DETAIL_MAX = 500;

/** `text` cut to `max` characters (code points, as PostgreSQL counts them), ending in "…" when cut. */
const clip = (text: string, max: number) => {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
};

async function audit(
  ctx: AppContext,
  actorUserId: string,
  action: string,
  subject: string,
  detail: string | null = null,
): Promise<void> {
  await ctx.db.insertInto('audit_log').values({ actor_user_id: actorUserId, action, subject, detail }).execute();
}

export async function adminDeletionRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  const staffOnly = { onRequest: requireRole('staff') };

  const find = async (id: string) => {
    const row = await ctx.db.selectFrom('deletion_requests').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row as Row;
  };
  /** One request as staff see it, with its findings. */
  const show = async (id: string) => {
    const row = await find(id);
    return {
      ...view(row),
      findings: await findingsView(ctx.db, (await findingsOf(ctx.db, [row.id])).get(row.id) ?? []),
    };
  };

  app.get(
    '/api/admin/deletions',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Deletion requests, soonest due first (open ones by default).',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['open', 'completed', 'cancelled', 'all'] },
            ...PageQuery(100),
          },
        },
        response: {
          200: obj({
            items: { type: 'array', items: RequestSchema },
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { status = 'open', page = 1, pageSize = 50 } = request.query;
      let query = ctx.db.selectFrom('deletion_requests');
      if (status !== 'all') query = query.where('status', 'in', [...FILTERS[status]]);
      const [rows, count] = await Promise.all([
        query
          .select(COLUMNS)
          .orderBy(status === 'open' ? 'due_at' : 'received_at', status === 'open' ? 'asc' : 'desc')
          .orderBy('id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const findings = await findingsOf(
        ctx.db,
        rows.map((r) => r.id),
      );
      const items = await Promise.all(
        rows.map(async (r) => ({ ...view(r as Row), findings: await findingsView(ctx.db, findings.get(r.id) ?? []) })),
      );
      return { items, total: Number(count.n), page, pageSize };
    },
  );

  app.get(
    '/api/admin/deletions/:id',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'One deletion request, with its erasure certificate once completed.',
        params: obj({ id: Uuid }),
        response: { 200: RequestSchema, ...errorResponses },
      },
    },
    async (request) => show(request.params.id),
  );

  app.post(
    '/api/admin/deletions/:id/process',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Process a request now: erase, verify, certify, send the final mail. `outcome` says what happened.',
        params: obj({ id: Uuid }),
        body: NoBodySchema,
        response: { 200: ProcessedSchema, ...errorResponses },
      },
    },
    async (request) => {
      const before = await find(request.params.id);
      if (before.hold_reason)
        throw new AppError('REQUEST_STATE', { message: 'Release the hold before processing this request.' });
      // A request left "processing" by a worker that died is resumed here once its lease has expired.
      if (before.status !== 'received' && before.status !== 'needs_attention' && before.status !== 'processing') {
        throw new AppError('REQUEST_STATE', { message: `This request is ${before.status.replace('_', ' ')}.` });
      }
      const outcome = await processDeletion(ctx, before.id);
      await audit(ctx, request.user.id, 'deletion.process', before.reference, outcome);
      return { ...(await show(before.id)), outcome };
    },
  );

  app.post(
    '/api/admin/deletions/:id/hold',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Put a pending request on hold for a legal reason; the person is told by mail.',
        params: obj({ id: Uuid }),
        body: obj({ reason: { type: 'string', enum: HOLD_REASONS.map((h) => h.value) } }),
        response: { 200: RequestSchema, ...errorResponses },
      },
    },
    async (request) => {
      const hold = HOLD_REASONS.find((h) => h.value === request.body.reason)!;
      const mailId = await ctx.db.transaction().execute(async (trx) => {
        const held = await trx
          .updateTable('deletion_requests')
          .set({ hold_reason: hold.value })
          .where('id', '=', request.params.id)
          .where('status', 'in', ['received', 'needs_attention'])
          .where('hold_reason', 'is', null)
          .returning(['reference', 'user_id'])
          .executeTakeFirst();
        if (!held) {
          // Inside the transaction, ask through it (on PGlite another query would wait for this one).
          const exists = await trx
            .selectFrom('deletion_requests')
            .select('id')
            .where('id', '=', request.params.id)
            .executeTakeFirst();
          throw exists
            ? new AppError('REQUEST_STATE', {
                message: 'Only a pending request that is not on hold can be put on hold.',
              })
            : new AppError('NOT_FOUND');
        }
        await trx
          .insertInto('audit_log')
          .values({
            actor_user_id: request.user.id,
            action: 'deletion.hold',
            subject: held.reference,
            detail: hold.value,
          })
          .execute();
        const person = held.user_id ? await contactOf(trx, held.user_id) : undefined;
        return person
          ? ctx.mail.enqueue(trx, {
              to: person.email,
              userId: person.id,
              kind: 'account_security',
              mail: deletionMails.onHold(person.language, { reference: held.reference, reason: hold.value }),
            })
          : null;
      });
      await ctx.mail.dispatch([mailId]);
      return show(request.params.id);
    },
  );

  app.post(
    '/api/admin/deletions/:id/release',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Release a hold; the request is processed at once if its waiting period is over.',
        params: obj({ id: Uuid }),
        body: NoBodySchema,
        response: { 200: RequestSchema, ...errorResponses },
      },
    },
    async (request) => {
      const released = await ctx.db
        .updateTable('deletion_requests')
        .set({ hold_reason: null })
        .where('id', '=', request.params.id)
        .where('hold_reason', 'is not', null)
        .returning('reference')
        .executeTakeFirst();
      if (!released) {
        await find(request.params.id);
        throw new AppError('REQUEST_STATE', { message: 'This request is not on hold.' });
      }
      await audit(ctx, request.user.id, 'deletion.release', released.reference);
      return show(request.params.id);
    },
  );

  /** An open finding of a request that is waiting for staff, with the request's recorded identifiers. */
  const openFinding = async (trx: Kysely<DB>, requestId: string, findingId: string) => {
    const finding = await trx
      .selectFrom('deletion_findings as f')
      .innerJoin('deletion_requests as r', 'r.id', 'f.request_id')
      .select([
        'f.id',
        'f.table_name',
        'f.column_name',
        'f.row_key',
        'f.needle',
        'f.identifier',
        'f.status',
        'r.reference',
        'r.status as request_status',
        'r.identifiers',
      ])
      .where('f.id', '=', findingId)
      .where('f.request_id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!finding) throw new AppError('NOT_FOUND');
    if (finding.status !== 'open' || finding.request_status !== 'needs_attention') {
      throw new AppError('REQUEST_STATE', {
        message:
          finding.status !== 'open'
            ? 'This finding is already resolved.'
            : 'Only a request that needs attention has findings to resolve.',
      });
    }
    return finding;
  };
  const FindingParams = obj({ id: Uuid, findingId: Uuid });

  app.post(
    '/api/admin/deletions/:id/findings/:findingId/erase',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary:
          "Erase what a finding found: the identifier is replaced with [removed] in that cell, or (a row that was the person's) the row's policy is applied to it. Audited.",
        params: FindingParams,
        body: NoBodySchema,
        response: { 200: RequestSchema, ...errorResponses },
      },
    },
    async (request) => {
      await ctx.db.transaction().execute(async (t) => {
        const trx = t as Kysely<DB>;
        const finding = await openFinding(trx, request.params.id, request.params.findingId);
        const identifiers = finding.identifiers ?? [];
        if (finding.identifier === 'ownership') {
          await eraseOwnedRow(trx, erasureRegistry, finding.table_name, finding.row_key);
        } else {
          const found = identifiers[finding.needle];
          // The keys of uploaded files are found together: erase each one the cell holds.
          const text =
            found?.kind === 'upload key'
              ? await cellText(trx, finding.table_name, finding.column_name, finding.row_key)
              : '';
          for (const identifier of found ? identifiersFound(text, found, identifiers) : []) {
            await redactQuotes(trx, finding.table_name, finding.column_name, identifier, finding.row_key);
          }
        }
        await trx
          .updateTable('deletion_findings')
          .set({ status: 'erased', resolved_by: request.user.id, resolved_at: sql<Date>`now()` })
          .where('id', '=', finding.id)
          .execute();
        await trx
          .insertInto('audit_log')
          .values({
            // Where and what kind, never the row's key: a key can be the person's own id (their account row).
            actor_user_id: request.user.id,
            action: 'deletion.finding.erase',
            subject: finding.reference,
            detail: `${finding.table_name}.${finding.column_name} (${finding.identifier})`,
          })
          .execute();
      });
      return show(request.params.id);
    },
  );

  app.post(
    '/api/admin/deletions/:id/findings/:findingId/dismiss',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary:
          'Mark a finding "not this person\'s data", with a written reason (audited, and printed on the certificate).',
        params: FindingParams,
        body: obj({ reason: { type: 'string', maxLength: 500 } }),
        response: { 200: RequestSchema, ...errorResponses },
      },
    },
    async (request) => {
      const reason = request.body.reason.trim();
      if (reason === '') throw new AppError('REASON_REQUIRED');
      await ctx.db.transaction().execute(async (t) => {
        const trx = t as Kysely<DB>;
        const finding = await openFinding(trx, request.params.id, request.params.findingId);
        await trx
          .updateTable('deletion_findings')
          .set({ status: 'dismissed', reason, resolved_by: request.user.id, resolved_at: sql<Date>`now()` })
          .where('id', '=', finding.id)
          .execute();
        await trx
          .insertInto('audit_log')
          .values({
            // The reason may take all 500 characters itself: the audit line clips it (the finding keeps it whole).
            actor_user_id: request.user.id,
            action: 'deletion.finding.dismiss',
            subject: finding.reference,
            detail: clip(
              `${finding.table_name}.${finding.column_name} (${finding.identifier}): ${reason}`,
              AUDIT_DETAIL_MAX,
            ),
          })
          .execute();
      });
      return show(request.params.id);
    },
  );

  app.get(
    '/api/admin/insights/leaving',
    {
      ...staffOnly,
      schema: {
        tags: ['admin'],
        summary: 'Why people leave: reasons per week, the share of each, and the comments (anonymous).',
        response: {
          200: obj({
            weeks: {
              type: 'array',
              items: obj({
                week: str,
                counts: { type: 'object', additionalProperties: { type: 'integer' } },
                total: { type: 'integer' },
              }),
            },
            reasons: {
              type: 'array',
              items: obj({ reason: str, label: str, count: { type: 'integer' }, share: { type: 'number' } }),
            },
            comments: { type: 'array', items: obj({ week: str, reason: nullableStr, comment: str }) },
          }),
          ...errorResponses,
        },
      },
    },
    async () => {
      const rows = await sql<{ week: string; reason: string | null; n: number }>`
      select week::text as week, coalesce(reason, 'none') as reason, count(*)::int as n from leaving_feedback
      where week > now() - interval '26 weeks' group by 1, 2 order by 1`.execute(ctx.db);
      const weeks = new Map<string, { week: string; counts: Record<string, number>; total: number }>();
      const totals = new Map<string, number>();
      for (const r of rows.rows) {
        const w = weeks.get(r.week) ?? { week: r.week, counts: {}, total: 0 };
        w.counts[r.reason!] = r.n;
        w.total += r.n;
        weeks.set(r.week, w);
        totals.set(r.reason!, (totals.get(r.reason!) ?? 0) + r.n);
      }
      const all = [...totals.values()].reduce((a, b) => a + b, 0);
      const comments = await ctx.db
        .selectFrom('leaving_feedback')
        .select([sql<string>`week::text`.as('week'), 'reason', 'comment'])
        .where('comment', 'is not', null)
        .orderBy('week', 'desc')
        .limit(200)
        .execute();
      return {
        weeks: [...weeks.values()],
        reasons: [
          ...LEAVING_REASONS.map((r) => ({ reason: r.value as string, label: r.label })),
          { reason: 'none', label: 'No reason given' },
        ].map((r) => ({
          ...r,
          count: totals.get(r.reason) ?? 0,
          share: all === 0 ? 0 : (totals.get(r.reason) ?? 0) / all,
        })),
        comments: comments.map((c) => ({ week: c.week, reason: c.reason, comment: c.comment! })),
      };
    },
  );
}
