// A local SMTP server in a child process (smtp-child.ts) and what it received, as seen from here.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ReceivedMail = { messageId: string; subject: string; at: number };

export type SmtpChild = {
  port: number;
  url: string;
  /** Mails received so far, in order, with the time (performance.now()) this process learned of each. */
  received: ReceivedMail[];
  /** Resolves with the first mail (from now on, or already received) that `match` accepts. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Resolves once `count` mails in all have been received. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

const CHILD = fileURLToPath(new URL('./smtp-child.ts', import.meta.url));

/** `replyDelayMs`: how long the server waits before accepting each mail (a remote relay). */
export async function startSmtpChild(replyDelayMs = 0): Promise<SmtpChild> {
  const child = fork(CHILD, [String(replyDelayMs)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const received: ReceivedMail[] = [];
  let watchers: Array<() => boolean> = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: { port?: number; messageId?: string; subject?: string }) => {
      if (message.port !== undefined) return resolve(message.port);
      received.push({ messageId: message.messageId ?? '', subject: message.subject ?? '', at: performance.now() });
      watchers = watchers.filter((done) => !done());
    });
  });
  const watch = <T>(check: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const now = check();
      if (now !== undefined) return resolve(now);
      const timer = setTimeout(() => reject(new Error(`SMTP server: timed out waiting for ${what}`)), timeoutMs);
      watchers.push(() => {
        const value = check();
        if (value === undefined) return false;
        clearTimeout(timer);
        resolve(value);
        return true;
      });
    });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor: (match, timeoutMs = 120_000) => watch(() => received.find(match), 'a mail', timeoutMs),
    waitForCount: (count, timeoutMs = 300_000) =>
      watch(() => (received.length >= count ? true : undefined), `${count} mails`, timeoutMs).then(() => {}),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
