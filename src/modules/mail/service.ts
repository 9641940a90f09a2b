// The transactional outbox. enqueue() writes a row inside the caller's transaction; after the
// commit the caller wakes this process's delivery loop, which claims due rows most urgent first and
// sends up to MAIL_CONCURRENCY of them at once (decisions 003, 032). The sweep wakes it every
// minute for rows a crash or a failed attempt left behind.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { DB } from '../../db/types.ts';
import type { NotificationKind } from './notification-kinds.ts';
import { NOTIFICATION_KINDS } from './notification-kinds.ts';
import { createDeliveryLoop } from './delivery.ts';
import { claimDueMail, claimMailById, recordMailFailure, recordMailsSent, type ClaimedMail } from './outbox.ts';
import { mailPriorityOf } from './priority.ts';
import type { RenderedMail } from './templates.ts';
import type { MailTransport } from './transport.ts';

export const MAIL_SWEEP_QUEUE = 'mail.sweep';
/** How long closing the app waits for the mails in flight to be recorded. */
const STOP_GRACE_MS = 10_000;

export type MailToSend = {
  to: string;
  userId: string | null;
  kind: NotificationKind;
  mail: RenderedMail;
  /** Delete the row (and with it the address) once delivered: the final mail to an erased account. */
  deleteAfterSend?: boolean;
};

type Executor = Kysely<DB> | Transaction<DB>;

/** What delivery reports to the log: ids and codes, never an address or a server's reply text. */
export type MailLog = {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
};

export type MailService = {
  /** Writes the mail to the outbox, unless the user turned its kind off. Returns the outbox id or null. */
  enqueue(executor: Executor, message: MailToSend): Promise<string | null>;
  /** After the transaction committed: have these delivered. In a process that runs jobs this wakes the
   * delivery loop and returns; in one that does not (RUN_JOBS=false), it delivers them before returning. */
  dispatch(ids: Array<string | null>): Promise<void>;
  /** Delivers one outbox row if nobody else holds it; safe to call twice. */
  deliver(id: string): Promise<'sent' | 'skipped' | 'failed'>;
  /** Delivers every due row (left behind by a crash, or a failed attempt whose back-off ended), most
   * urgent first; resolves when none is left, with how many this call's wait saw sent. */
  sweep(): Promise<number>;
  /** Mail may be due: the delivery loop claims it in the background. */
  wake(): void;
  /** Claims nothing more; waits a while for the mails in flight to be recorded. */
  stop(): Promise<void>;
};

export type MailServiceDeps = {
  db: Kysely<DB>;
  transport: MailTransport;
  from: string;
  /** Mails in flight at once (MAIL_CONCURRENCY; the SMTP pool holds as many connections). */
  concurrency: number;
  /** Whether dispatch leaves delivery to the background loop (the process runs jobs) or delivers at once. */
  background: boolean;
  log: MailLog;
  /**
   * The person's own choice for a kind of mail, undefined when they never made one. The accounts
   * module keeps the choices and imports mail, so mail cannot import it: app.ts passes this in.
   */
  notificationChoiceOf(executor: Kysely<DB>, userId: string, kind: NotificationKind): Promise<boolean | undefined>;
};

export function createMailService(deps: MailServiceDeps): MailService {
  const { db, transport, from, log } = deps;
  const required = new Set<string>(NOTIFICATION_KINDS.filter((k) => k.required).map((k) => k.kind));
  const defaults = new Map<string, boolean>(NOTIFICATION_KINDS.map((k) => [k.kind, k.defaultEnabled]));
  let sent = 0;

  async function wanted(executor: Executor, userId: string | null, kind: NotificationKind): Promise<boolean> {
    if (required.has(kind) || userId === null) return true;
    return (await deps.notificationChoiceOf(executor, userId, kind)) ?? defaults.get(kind) ?? true;
  }

  const sendOne = (mail: ClaimedMail) =>
    transport.send({
      outboxId: mail.id,
      from,
      to: mail.to_address,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      forgetRecipient: mail.delete_after_send,
    });

  // Mails sent while the previous record was being written are recorded together, in one statement.
  const recordSent = batched((mails: ClaimedMail[]) => recordMailsSent(db, mails));

  async function record(mail: ClaimedMail, error: unknown): Promise<'sent' | 'failed'> {
    if (error === undefined) {
      await recordSent(mail);
      sent++;
      return 'sent';
    }
    await recordMailFailure(db, mail, error);
    // The code and the server's status only: a reply's text may quote the address.
    const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
    log.warn({ outboxId: mail.id, attempts: mail.attempts, code, responseCode }, 'mail delivery failed');
    return 'failed';
  }

  const loop = createDeliveryLoop<ClaimedMail>({
    concurrency: deps.concurrency,
    // Four times as many wait claimed, so a connection that frees up has its next mail at once
    // even while a claim waits its turn at the database (with twice as many, connections idled on
    // PGlite: 450–750 mails/s against 700–900); they wait a few sends, and a more urgent mail
    // committed meanwhile is claimed and goes before them.
    prefetch: 4 * deps.concurrency,
    claim: (limit, below) => claimDueMail(db, limit, below),
    priorityOf: (mail) => mail.priority,
    send: sendOne,
    record: async (mail, error) => void (await record(mail, error)),
    onError: (error) => log.error({ err: error }, 'mail delivery loop failed'),
  });

  const service: MailService = {
    async enqueue(executor, message) {
      if (!(await wanted(executor, message.userId, message.kind))) return null;
      const row = await executor
        .insertInto('mail_outbox')
        .values({
          user_id: message.userId,
          to_address: message.to,
          kind: message.kind,
          priority: mailPriorityOf(message.kind),
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
      const present = ids.filter((id): id is string => id !== null);
      if (present.length === 0) return;
      if (deps.background) loop.wake();
      else await Promise.all(present.map((id) => service.deliver(id)));
    },

    async deliver(id) {
      const claimed = await claimMailById(db, id);
      if (!claimed) return 'skipped';
      const error = await sendOne(claimed).then(
        () => undefined,
        (e: unknown) => e ?? new Error('send failed'),
      );
      return record(claimed, error);
    },

    async sweep() {
      const before = sent;
      await loop.drain();
      return sent - before;
    },

    wake: () => loop.wake(),
    stop: () => loop.stop(STOP_GRACE_MS),
  };
  return service;
}

/** `run` for every item handed in while the previous run was busy, in one call; each caller's
 * promise settles with the run that held its item. */
function batched<T>(run: (items: T[]) => Promise<void>, maxBatch = 500): (item: T) => Promise<void> {
  const queued: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  let running = false;
  async function flush(): Promise<void> {
    running = true;
    while (queued.length > 0) {
      const batch = queued.splice(0, maxBatch);
      try {
        await run(batch.map((q) => q.item));
        for (const q of batch) q.resolve();
      } catch (error) {
        for (const q of batch) q.reject(error);
      }
    }
    running = false;
  }
  return (item) =>
    new Promise<void>((resolve, reject) => {
      queued.push({ item, resolve, reject });
      if (!running) void flush();
    });
}

/** Delivered mail is kept a week for support questions ("did you send it?"), then deleted (the housekeeping job, hourly). */
export async function dropDeliveredMail(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('mail_outbox').where('sent_at', '<', sql<Date>`now() - interval '7 days'`).execute();
}

/**
 * Asks for the committed notice to be sent now. The change is done whatever happens here: if the
 * job queue cannot be reached, the outbox sweep sends the notice within a minute (decision 003).
 */
export async function dispatchAfterCommit(
  ctx: { mail: Pick<MailService, 'dispatch'> },
  request: FastifyRequest,
  mailId: string | null,
): Promise<void> {
  try {
    await ctx.mail.dispatch([mailId]);
  } catch (error) {
    request.log.warn({ err: error }, 'mail dispatch failed; the outbox sweep will send it');
  }
}
