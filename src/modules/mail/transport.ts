// Where a mail physically goes: a real SMTP server (SMTP_URL) or the built-in dev mailbox.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export type OutgoingMessage = {
  outboxId: string; from: string; to: string; subject: string; html: string; text: string;
  /** Souk keeps no trace of the recipient once it is sent (the final "account deleted" mail) */
  forgetRecipient?: boolean;
};

/** What the development mailbox shows as the recipient of a mail whose recipient Souk forgets. */
export const FORGOTTEN_RECIPIENT = '(erased account)';

export type MailTransport = { send(message: OutgoingMessage): Promise<void>; close(): void };

export async function createSmtpTransport(smtpUrl: string, messageIdDomain: string): Promise<MailTransport> {
  // Imported here: a start without SMTP_URL (the dev mailbox) does not pay for nodemailer.
  const { default: nodemailer } = await import('nodemailer');
  const transporter = nodemailer.createTransport(smtpUrl);
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
        .values({ outbox_id: m.outboxId, to_address: m.forgetRecipient ? FORGOTTEN_RECIPIENT : m.to, from_address: m.from, subject: m.subject, html: m.html, text: m.text })
        .onConflict((oc) => oc.column('outbox_id').doNothing())
        .execute();
    },
    close: () => {},
  };
}
