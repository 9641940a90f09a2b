// A streaming replica (a hot standby of the primary) for public catalogue reads (decision 044).
// Its own pool; what it has replayed is known from a cached lower bound, refreshed in the
// background only when a reader needs a later position, so no read pays a round trip to ask.
import { sql, type Kysely } from 'kysely';
import { openPostgresKysely } from './database.ts';
import type { DB } from './types.ts';

/** A WAL position ("16/B374D848") as a number, or undefined when the text is not one. */
export function parseLsn(text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** The primary's WAL position now: every transaction committed before this call lies at or below it. */
export async function currentWalPosition(primary: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(primary);
  return rows[0]!.lsn;
}

/** How long a replica that failed is left alone before a read tries it again. */
const DOWN_MS = 5_000;
/** At most one question about the replay position per this many milliseconds. */
const REFRESH_INTERVAL_MS = 50;
const NOT_A_STANDBY = 2n ** 64n;

export type ReadReplica = {
  db: Kysely<DB>;
  /** Whether the replica is known to have replayed the primary's WAL up to `lsn` (no query). */
  hasReplayed(lsn: bigint): boolean;
  /** Asks the replica how far it has replayed, in the background (coalesced, rate-limited). */
  refresh(): void;
  /** Whether a recent failure sent reads to the primary for now. */
  isDown(): boolean;
  /** Records a failure; true when this starts a new down period (log it once). */
  markDown(): boolean;
  close(): Promise<void>;
};

export async function openReadReplica(connectionString: string, max: number): Promise<ReadReplica> {
  // A replica that does not answer must not hold a catalogue page: reads fall back after this.
  const { db } = await openPostgresKysely(connectionString, max, {
    applicationName: 'souk-replica-reads',
    connectionTimeoutMillis: 2_000,
  });
  let replayed = 0n;
  let downUntil = 0;
  let refreshing = false;
  let lastRefresh = 0;
  return {
    db,
    hasReplayed: (lsn) => replayed >= lsn,
    refresh() {
      const now = Date.now();
      if (refreshing || now - lastRefresh < REFRESH_INTERVAL_MS || now < downUntil) return;
      refreshing = true;
      lastRefresh = now;
      sql<{ lsn: string | null }>`select pg_last_wal_replay_lsn()::text as lsn`
        .execute(db)
        .then(
          ({ rows }) => {
            const text = rows[0]?.lsn ?? null;
            // Null: not in recovery (a primary named as the replica), so it holds every commit.
            const lsn = text === null ? NOT_A_STANDBY : parseLsn(text);
            if (lsn !== undefined && lsn > replayed) replayed = lsn;
          },
          () => undefined, // the next read finds out and falls back
        )
        .finally(() => {
          refreshing = false;
        });
    },
    isDown: () => Date.now() < downUntil,
    markDown() {
      const fresh = Date.now() >= downUntil;
      downUntil = Date.now() + DOWN_MS;
      return fresh;
    },
    close: () => db.destroy(),
  };
}
