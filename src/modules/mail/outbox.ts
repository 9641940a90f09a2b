// Claiming and recording outbox rows (decisions 003, 032). A claim is a lease: `claimed_until`
// moves past the longest a send may take, so no other worker (in this process or another) takes
// the row meanwhile, and a worker that dies holding it only delays the mail until the lease ends.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/** How long a claim holds a row: well past the transport's own deadline for one send (SEND_DEADLINE_MS). */
export const CLAIM_SECONDS = 120;
/** After this many attempts a row is marked failed and no longer retried. */
export const MAX_ATTEMPTS = 8;

export type ClaimedMail = {
  id: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
  delete_after_send: boolean;
  priority: number;
};

const CLAIMED = ['id', 'to_address', 'subject', 'html', 'text', 'attempts', 'delete_after_send', 'priority'] as const;

const claim = {
  claimed_until: sql<Date>`now() + make_interval(secs => ${CLAIM_SECONDS})`,
  attempts: sql<number>`attempts + 1`,
};

/**
 * Claims up to `limit` due rows, most urgent first: lowest priority, then oldest; only rows of a
 * priority below `below` when it is given. Rows another worker is claiming right now are skipped
 * rather than waited for (`skip locked`), and a row it has claimed is no longer due, so two
 * workers never hold the same row.
 */
export async function claimDueMail(db: Kysely<DB>, limit: number, below?: number): Promise<ClaimedMail[]> {
  const rows = await db
    .updateTable('mail_outbox')
    .set(claim)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', sql<Date>`now()`)]))
        .$if(below !== undefined, (q) => q.where('priority', '<', below!))
        .orderBy('priority')
        .orderBy('created_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(CLAIMED)
    .execute();
  // `returning` keeps no order: the most urgent is handed to the transport first.
  return rows.sort((a, b) => a.priority - b.priority);
}

/** Claims one row by id if it is due; nothing when it is sent, failed, or held by someone else. */
export async function claimMailById(db: Kysely<DB>, id: string): Promise<ClaimedMail | undefined> {
  return db
    .updateTable('mail_outbox')
    .set(claim)
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
    .returning(CLAIMED)
    .executeTakeFirst();
}

/** The SMTP server took these. Once delivered, the body is the recipient's, not ours: only the
 * delivery record stays (a week), so a sent mail that names someone else (a seller's store) keeps
 * nothing of them; the final mail to an erased account keeps nothing at all. */
export async function recordMailsSent(db: Kysely<DB>, mails: ClaimedMail[]): Promise<void> {
  const forget = mails.filter((m) => m.delete_after_send).map((m) => m.id);
  const keep = mails.filter((m) => !m.delete_after_send).map((m) => m.id);
  if (forget.length > 0) await db.deleteFrom('mail_outbox').where('id', 'in', forget).execute();
  if (keep.length > 0) {
    await db
      .updateTable('mail_outbox')
      .set({ sent_at: sql<Date>`now()`, claimed_until: null, last_error: null, html: '', text: '' })
      .where('id', 'in', keep)
      .execute();
  }
}

/** A failed attempt: the row waits (its lease becomes the back-off, doubling from 10 s to an hour)
 * and is retried by the next claim after it; the last attempt marks it failed. */
export async function recordMailFailure(db: Kysely<DB>, mail: ClaimedMail, error: unknown): Promise<void> {
  const failed = mail.attempts >= MAX_ATTEMPTS;
  if (failed && mail.delete_after_send) {
    // The final mail to an erased account that could never be delivered: Souk keeps no address.
    await db.deleteFrom('mail_outbox').where('id', '=', mail.id).execute();
    return;
  }
  const backoff = Math.min(3600, 2 ** mail.attempts * 5);
  await db
    .updateTable('mail_outbox')
    .set({
      last_error: error instanceof Error ? error.message.slice(0, 500) : 'send failed',
      claimed_until: sql<Date>`now() + make_interval(secs => ${backoff})`,
      ...(failed ? { failed_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', mail.id)
    .execute();
}
