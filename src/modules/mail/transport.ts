// Where a mail physically goes: a real SMTP server (SMTP_URL) or the built-in dev mailbox.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export type OutgoingMessage = {
  outboxId: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Souk keeps no trace of the recipient once it is sent (the final "account deleted" mail) */
  forgetRecipient?: boolean;
};

/** What the development mailbox shows as the recipient of a mail whose recipient Souk forgets. */
export const FORGOTTEN_RECIPIENT = '(erased account)';

export type MailTransport = { send(message: OutgoingMessage): Promise<void>; close(): void };

export type SmtpPoolOptions = {
  /** Connections kept open at once (MAIL_CONCURRENCY): the delivery loop hands over no more mails than this. */
  maxConnections: number;
  /** Mails over one connection before a fresh one replaces it (MAIL_MESSAGES_PER_CONNECTION). */
  maxMessages: number;
};

/** The longest one send may take before it is abandoned and retried later: under the outbox's
 * claim (CLAIM_SECONDS, 120 s), so no other worker takes the row while this one may still send it. */
export const SEND_DEADLINE_MS = 60_000;

export async function createSmtpTransport(
  smtpUrl: string,
  messageIdDomain: string,
  pool: SmtpPoolOptions,
): Promise<MailTransport> {
  // Imported here: a start without SMTP_URL (the dev mailbox) does not pay for nodemailer.
  const { default: nodemailer } = await import('nodemailer');
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    // Connections stay open between mails (one TCP and TLS handshake, one EHLO and AUTH per
    // connection instead of per mail), up to maxConnections of them; decision 032.
    pool: true,
    maxConnections: pool.maxConnections,
    maxMessages: pool.maxMessages,
    // nodemailer's defaults (2 min to connect, 10 min of silence) would let one send outlive its
    // claim; these keep a dead or stalled server from holding a connection for long.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // A connection that closes under a mail (a server closing an idle connection just as we use
    // it) is retried once on a fresh one; anything more is the outbox's retry, recorded on the row.
    maxRequeues: 1,
  });
  return {
    async send(m) {
      await transporter.sendMail({
        // The outbox id as Message-ID lets receivers drop a duplicate if a crash makes us resend.
        messageId: `<${m.outboxId}@${messageIdDomain}>`,
        from: m.from,
        to: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        // Also bounds a server that trickles its replies, which no socket timeout notices.
        signal: AbortSignal.timeout(SEND_DEADLINE_MS),
      });
    },
    close: () => transporter.close(),
  };
}

export function createDevMailboxTransport(db: Kysely<DB>): MailTransport {
  return {
    async send(m) {
      await db
        .insertInto('dev_mailbox')
        // The final mail to an erased account keeps its text (which names the request's reference) but
        // not the address: once delivered, nothing in Souk's tables says who it went to (issue 14).
        .values({
          outbox_id: m.outboxId,
          to_address: m.forgetRecipient ? FORGOTTEN_RECIPIENT : m.to,
          from_address: m.from,
          subject: m.subject,
          html: m.html,
          text: m.text,
        })
        .onConflict((oc) => oc.column('outbox_id').doNothing())
        .execute();
    },
    close: () => {},
  };
}
