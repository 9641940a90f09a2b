// The transactional outbox. enqueueMail() writes a row inside the caller's transaction; after the
// commit the caller (or the sweeper, if the process died first) hands its id to the delivery job.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Jobs } from '../../jobs/runner.ts';
import type { NotificationKind } from '../accounts/notification-kinds.ts';
import { NOTIFICATION_KINDS } from '../accounts/notification-kinds.ts';
import type { RenderedMail } from './templates.ts';
import type { MailTransport } from './transport.ts';

export const MAIL_DELIVER_QUEUE = 'mail.deliver';
export const MAIL_SWEEP_QUEUE = 'mail.sweep';
const MAX_ATTEMPTS = 8;
const CLAIM_SECONDS = 120;

export type MailToSend = {
  to: string;
  userId: string | null;
  kind: NotificationKind;
  mail: RenderedMail;
  /** Delete the row (and with it the address) once delivered: the final mail to an erased account. */
  deleteAfterSend?: boolean;
};

type Executor = Kysely<DB> | Transaction<DB>;

export type MailService = {
  /** Writes the mail to the outbox, unless the user turned its kind off. Returns the outbox id or null. */
  enqueue(executor: Executor, message: MailToSend): Promise<string | null>;
  /** After the transaction committed: ask the job queue to deliver these now. */
  dispatch(ids: Array<string | null>): Promise<void>;
  /** Delivers one outbox row if nobody else holds it; safe to call twice. */
  deliver(id: string): Promise<'sent' | 'skipped' | 'failed'>;
  /** Finds rows left behind (crash between commit and dispatch, failed attempts) and delivers them. */
  sweep(): Promise<number>;
};

export function createMailService(deps: { db: Kysely<DB>; jobs: Jobs | undefined; transport: MailTransport; from: string }): MailService {
  const { db, transport, from } = deps;
  const required = new Set<string>(NOTIFICATION_KINDS.filter((k) => k.required).map((k) => k.kind));
  const defaults = new Map<string, boolean>(NOTIFICATION_KINDS.map((k) => [k.kind, k.defaultEnabled]));

  async function wanted(executor: Executor, userId: string | null, kind: NotificationKind): Promise<boolean> {
    if (required.has(kind) || userId === null) return true;
    const row = await executor
      .selectFrom('notification_preferences')
      .select('enabled')
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row ? row.enabled : (defaults.get(kind) ?? true);
  }

  const service: MailService = {
    async enqueue(executor, message) {
      if (!(await wanted(executor, message.userId, message.kind))) return null;
      const row = await executor
        .insertInto('mail_outbox')
        .values({
          user_id: message.userId,
          to_address: message.to,
          kind: message.kind,
          delete_after_send: message.deleteAfterSend ?? false,
          subject: message.mail.subject,
          html: message.mail.html,
          text: message.mail.text,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async dispatch(ids) {
      for (const id of ids) {
        if (!id) continue;
        if (deps.jobs) await deps.jobs.send(MAIL_DELIVER_QUEUE, { id });
        else await service.deliver(id);
      }
    },

    async deliver(id) {
      // Claim: only one worker may hold a row at a time, and never a row already sent.
      const claimed = await db
        .updateTable('mail_outbox')
        .set({ claimed_until: sql<Date>`now() + make_interval(secs => ${CLAIM_SECONDS})`, attempts: sql<number>`attempts + 1` })
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
        .returning(['id', 'to_address', 'subject', 'html', 'text', 'attempts', 'delete_after_send'])
        .executeTakeFirst();
      if (!claimed) return 'skipped';
      try {
        await transport.send({ outboxId: claimed.id, from, to: claimed.to_address, subject: claimed.subject, html: claimed.html, text: claimed.text, forgetRecipient: claimed.delete_after_send });
      } catch (error) {
        const failed = claimed.attempts >= MAX_ATTEMPTS;
        if (failed && claimed.delete_after_send) {
          // The final mail to an erased account that could never be delivered: Souk keeps no address.
          await db.deleteFrom('mail_outbox').where('id', '=', id).execute();
          return 'failed';
        }
        const backoff = Math.min(3600, 2 ** claimed.attempts * 5);
        await db
          .updateTable('mail_outbox')
          .set({
            last_error: error instanceof Error ? error.message.slice(0, 500) : 'send failed',
            claimed_until: sql<Date>`now() + make_interval(secs => ${backoff})`,
            ...(failed ? { failed_at: sql<Date>`now()` } : {}),
          })
          .where('id', '=', id)
          .execute();
        return 'failed';
      }
      // Once delivered, the body is the recipient's, not ours: only the delivery record stays (a week).
      // So a sent mail that names someone else (a seller's store) keeps nothing of them.
      if (claimed.delete_after_send) await db.deleteFrom('mail_outbox').where('id', '=', id).execute();
      else await db.updateTable('mail_outbox').set({ sent_at: sql<Date>`now()`, claimed_until: null, last_error: null, html: '', text: '' }).where('id', '=', id).execute();
      return 'sent';
    },

    async sweep() {
      const pending = await db
        .selectFrom('mail_outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
        .where('created_at', '<', sql<Date>`now() - interval '10 seconds'`)
        .orderBy('created_at')
        .limit(100)
        .execute();
      let sent = 0;
      for (const row of pending) if ((await service.deliver(row.id)) === 'sent') sent++;
      return sent;
    },
  };
  return service;
}
