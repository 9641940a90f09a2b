// Public catalogue reads on a streaming replica, with read-your-writes (decision 044).
// A successful state-changing request leaves the primary's WAL position in a short-lived cookie;
// a catalogue read carrying a position the replica is not known to have replayed goes to the
// primary. Every other read goes to the replica, and to the primary while the replica fails.
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { currentWalPosition, parseLsn, type ReadReplica } from '../db/replica.ts';
import type { DB } from '../db/types.ts';

/** The cookie holding the primary's WAL position after this browser's last write. */
export const WROTE_AT_COOKIE = 'souk.wrote_at';
/** Longer than any lag worth serving from: past it the replica is far behind for everyone. */
const WROTE_AT_MAX_AGE_SECONDS = 300;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type PublicReads = {
  /** Whether catalogue reads go to a replica at all (DATABASE_REPLICA_URL). */
  replicated: boolean;
  /**
   * Runs a public catalogue read on the replica, unless this request's own last write is not
   * known to be there yet (then on the primary); falls back to the primary when the replica fails.
   * Never for the person's own data (cart, orders, account, the seller center): those read `db`.
   */
  run<T>(request: FastifyRequest, read: (db: Kysely<DB>) => Promise<T>): Promise<T>;
};

export function createPublicReads(
  primary: Kysely<DB>,
  replica: ReadReplica | undefined,
  log: FastifyBaseLogger,
): PublicReads {
  if (!replica) return { replicated: false, run: (_request, read) => read(primary) };
  const onReplica = (request: FastifyRequest): boolean => {
    if (replica.isDown()) return false;
    const wroteAt = parseLsn(request.cookies[WROTE_AT_COOKIE]);
    if (wroteAt === undefined || replica.hasReplayed(wroteAt)) return true;
    // Behind this reader's write (as far as we know): the primary answers, and the replica is asked
    // in the background, so a later read can go back to it. No read waits for that question.
    replica.refresh();
    return false;
  };
  return {
    replicated: true,
    async run(request, read) {
      if (!onReplica(request)) return read(primary);
      try {
        return await read(replica.db);
      } catch (error) {
        // A replica that is down, restarting or cancelled the read (a recovery conflict): the
        // primary answers this read, and the next ones for a few seconds. Only the error's code.
        if (replica.markDown()) {
          const code = (error as { code?: unknown }).code;
          log.warn(
            { code: typeof code === 'string' ? code : undefined },
            'read replica unavailable: catalogue reads go to the primary for now',
          );
        }
        return read(primary);
      }
    },
  };
}

/** After a successful state-changing request, the primary's WAL position goes into the cookie. */
export function registerWroteAtCookie(
  app: FastifyInstance,
  primary: Kysely<DB>,
  options: { secureCookies: boolean },
): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (SAFE_METHODS.has(request.method) || reply.statusCode >= 400) return payload;
    // One small query per write, none per read: after the handler's commits, so the position
    // covers them. A primary that cannot answer it leaves the response as it was.
    const lsn = await currentWalPosition(primary).catch(() => undefined);
    if (lsn !== undefined) {
      reply.setCookie(WROTE_AT_COOKIE, lsn, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        maxAge: WROTE_AT_MAX_AGE_SECONDS,
      });
    }
    return payload;
  });
}
