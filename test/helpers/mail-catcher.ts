// A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps what it receives, in the
// order it accepted it. It can be stopped, restarted on the same port and held (DATA accepted but
// not answered), it counts connections and mails in flight, and it can refuse recipients.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type Received = { to: string[]; raw: string; connection: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class MailCatcher {
  readonly received: Received[] = [];
  port = 0;
  /** Connections open now, and the most that were open at once. */
  openConnections = 0;
  maxOpenConnections = 0;
  /** Mails whose DATA arrived and that are not answered yet (held), and the most at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** Connections ever accepted. */
  connections = 0;
  /** Answers RCPT TO for these addresses with a temporary failure (451) while set. */
  refuse: (address: string) => boolean = () => false;
  private server: SMTPServer | undefined;
  private held: Promise<void> | undefined;
  private releaseHeld: (() => void) | undefined;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 500,
      onConnect: (_session, callback) => {
        this.connections++;
        this.openConnections++;
        this.maxOpenConnections = Math.max(this.maxOpenConnections, this.openConnections);
        callback();
      },
      onClose: () => {
        this.openConnections--;
      },
      onRcptTo: (address, _session, callback) => {
        if (this.refuse(address.address)) {
          const error = Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 });
          callback(error);
        } else callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          void (async () => {
            this.inFlight++;
            this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
            await this.held;
            this.inFlight--;
            this.received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks).toString('utf8'),
              connection: session.id,
            });
            callback();
          })();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepts mail but does not answer the end of DATA until release(). */
  hold(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    this.releaseHeld?.();
    this.held = undefined;
  }

  to(address: string): Received[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  withMessageId(messageId: string): Received[] {
    return this.received.filter((m) => header(m.raw, 'message-id') === messageId);
  }

  /** The Message-IDs received more than once (a mail sent twice). */
  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const m of this.received) {
      const id = header(m.raw, 'message-id') ?? '';
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  }

  async waitFor(address: string, subject: RegExp, timeoutMs = 10_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.to(address).find((m) => subject.test(header(m.raw, 'subject') ?? ''));
      if (found) return found;
      await sleep(50);
    }
    throw new Error(`no SMTP mail to ${address} matching ${subject}`);
  }

  /** Waits until `predicate` holds of the catcher. */
  async waitUntil(what: string, predicate: (catcher: this) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (predicate(this)) return;
      await sleep(20);
    }
    throw new Error(`timed out waiting for ${what}`);
  }
}

/** A top-level header of a raw message, unfolded. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The raw message with quoted-printable soft breaks and escapes undone (enough to read links). */
export const decodeQuotedPrintable = (raw: string) =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
