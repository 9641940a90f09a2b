// Completing a deletion request: one transaction erases the account by the registry, runs the
// verification scan over every table for the person's former identifiers, and only when it finds
// nothing writes the erasure certificate and the final mail (which Souk forgets once delivered).
// If the scan finds anything, the whole erasure is rolled back and the request waits in "needs
// attention" with the table and column named. A crash at any point leaves either the untouched
// request (retried later) or the completed one: the final mail is written exactly once.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Jobs } from '../../jobs/runner.ts';
import type { DB, ErasureCertificate } from '../../db/types.ts';
import { applyErasurePolicies } from '../../db/erasure-executor.ts';
import { countScannedTables, scanForLeftovers, type Leftover } from '../../db/leftover-scan.ts';
import { render } from '../mail/templates.ts';

export const DELETION_PROCESS_QUEUE = 'deletion.process-due';
export const ACCOUNT_ERASED_EVENT = 'account.erased';

/** Tables that stand for places outside Souk: the development mailbox is the recipients' inboxes. */
const OUTSIDE_SOUK = ['public.dev_mailbox'];
/** Tables whose rows each stand for a file in ctx.storage. */
const FILE_TABLES = ['product_images', 'review_photos'];

class NeedsAttention extends Error {
  readonly leftovers: Leftover[];
  constructor(leftovers: Leftover[]) {
    super('verification scan found leftovers');
    this.leftovers = leftovers;
  }
}

const finalMail = (reference: string) =>
  render('Your Souk account has been deleted', [
    { kind: 'p', text: `Your Souk account has been deleted. Reference: ${reference}.` },
    { kind: 'p', text: 'Your profile, saved cards and addresses, cart, sessions and settings are erased. Orders are kept only as anonymous accounting records; their tracking numbers keep working at /track.' },
    { kind: 'p', text: 'This is the last mail Souk sends to this address; Souk keeps no way to write to it. You may create a new account with it at any time.' },
  ]);

/** Everything that identified the person, read before the erasure; checked for after it. */
async function identifiersOf(trx: Kysely<DB>, userId: string): Promise<{ email: string; needles: string[] }> {
  const user = await trx.selectFrom('users').select(['email', 'display_name', 'phone']).where('id', '=', userId).executeTakeFirstOrThrow();
  const saved = await trx.selectFrom('addresses').select(['full_name', 'line1', 'line2', 'phone']).where('user_id', '=', userId).execute();
  const shipped = await trx.selectFrom('orders').select(['ship_full_name as full_name', 'ship_line1 as line1', 'ship_line2 as line2', 'ship_phone as phone'])
    .where('buyer_user_id', '=', userId).execute();
  const changes = await trx.selectFrom('email_change_requests').select('new_email').where('user_id', '=', userId).execute();
  const values = [userId, user.email, user.display_name, user.phone, ...changes.map((c) => c.new_email), ...[...saved, ...shipped].flatMap((a) => [a.full_name, a.line1, a.line2, a.phone])];
  const needles = [...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim().length >= 3).map((v) => v.trim()))];
  return { email: user.email, needles };
}

export type ProcessOutcome = 'completed' | 'needs_attention' | 'skipped';

export async function processDeletion(ctx: AppContext, requestId: string): Promise<ProcessOutcome> {
  const afterCommit: Array<() => Promise<void>> = [];
  let done: { mailId: string | null; webhookId: string | null; reference: string } | null;
  try {
    done = await ctx.db.transaction().execute(async (t) => {
      const trx = t as Kysely<DB>;
      const request = await trx.updateTable('deletion_requests').set({ status: 'processing' })
        .where('id', '=', requestId).where('status', 'in', ['received', 'needs_attention']).where('hold_reason', 'is', null)
        .returning(['reference', 'user_id', 'received_at']).executeTakeFirst();
      if (!request?.user_id) return null;
      const { email, needles } = await identifiersOf(trx, request.user_id);
      const rows = await applyErasurePolicies({ trx, ctx, subject: { userId: request.user_id, email }, afterCommit: (task) => afterCommit.push(task) });
      // Each row of these tables is one stored file, deleted after the commit.
      const filesDeleted = rows.filter((r) => FILE_TABLES.includes(r.table)).reduce((n, r) => n + r.rows, 0);
      const leftovers = await scanForLeftovers(trx, needles, { tables: OUTSIDE_SOUK });
      if (leftovers.length > 0) throw new NeedsAttention(leftovers);
      const mailId = await ctx.mail.enqueue(trx, { to: email, userId: null, kind: 'account_security', mail: finalMail(request.reference), deleteAfterSend: true });
      const webhookId = await ctx.webhooks.enqueue(trx, ACCOUNT_ERASED_EVENT, { reference: request.reference });
      const certificate: ErasureCertificate = {
        reference: request.reference,
        receivedAt: request.received_at.toISOString(),
        completedAt: new Date().toISOString(),
        rows: rows.filter((r) => r.rows > 0),
        filesDeleted,
        scan: { clean: true, identifiersChecked: needles.length, tablesScanned: await countScannedTables(trx) },
      };
      await trx.updateTable('deletion_requests')
        .set({ status: 'completed', completed_at: sql<Date>`now()`, attention: null, certificate: JSON.stringify(certificate), cancel_token_hash: null })
        .where('id', '=', requestId).execute();
      return { mailId, webhookId, reference: request.reference };
    });
  } catch (error) {
    if (!(error instanceof NeedsAttention)) throw error;
    // Table and column names only: the needle itself is personal and stays out of the record.
    const where = [...new Set(error.leftovers.map((l) => `${l.table}.${l.column}`))].join(', ');
    await ctx.db.updateTable('deletion_requests').set({ status: 'needs_attention', attention: `The verification scan still found data in ${where}.` })
      .where('id', '=', requestId).execute();
    return 'needs_attention';
  }
  if (!done) return 'skipped';
  for (const task of afterCommit) await task();
  await ctx.mail.dispatch([done.mailId]);
  await ctx.webhooks.dispatch([done.webhookId]);
  return 'completed';
}

/** Processes every request whose waiting period is over and that no one put on hold. */
export async function processDueDeletions(ctx: AppContext): Promise<number> {
  const due = await ctx.db.selectFrom('deletion_requests').select('id')
    .where('status', '=', 'received').where('hold_reason', 'is', null).where('process_after', '<=', sql<Date>`now()`)
    .orderBy('process_after').limit(20).execute();
  let completed = 0;
  for (const request of due) if ((await processDeletion(ctx, request.id)) === 'completed') completed++;
  return completed;
}

export async function registerDeletionJobs(ctx: AppContext, jobs: Jobs): Promise<void> {
  await jobs.work(DELETION_PROCESS_QUEUE, async () => {
    await processDueDeletions(ctx);
  });
  await jobs.schedule(DELETION_PROCESS_QUEUE, '* * * * *');
}
