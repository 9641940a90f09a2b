// Public catalogue responses kept in the web process (issue 18, decision 056), never stale: every
// request reads the catalogue's version (one small prepared statement, the sum of catalog_version's
// sixteen counters, migration 048) where its body would be read, and a kept body is served only
// while that version is the one read before the body was computed, and until the first offer it
// shows ends.
//
// Why a hit is never stale. A miss reads the version V first, then computes the body: the body's
// data is V's or newer. A committed change of anything a body reads adds to the version in the same
// commit. So a later read of V again means nothing changed since V was read, before the body's data
// was: the body is what a computation would give now. (Data newer than V makes the next read
// differ: one needless recomputation, never a stale hit.) A search the cache holds nothing for reads
// the version in its own first statement instead, the same snapshot as its first data (decision 062).
// Snapshots of one server are ordered, so the sum only grows there; a body is only compared with
// versions read on the server it came from (the primary or the replica: publicReads picks per request).
//
// Time. A body also depends on now(): an offer shows while offer_ends_at > now(). A kept body is
// served until the earliest offerEndsAt it shows (the database's clock, read with the version);
// a body whose list is filtered or ordered by running offers also until the next offer end of the
// whole catalogue, read after the version and before the body. Offers that start change the
// product row (offers.ts): the version moves.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import { preparedStatement } from '../../db/prepared.ts';
import type { DB } from '../../db/types.ts';
import type { PublicReads } from '../../plugins/read-replica.ts';
import { bytesReply } from '../../schemas.ts';

const VERSION = preparedStatement(
  'catalog_version_read',
  'select sum(n)::float8 as version, (extract(epoch from now()) * 1000)::float8 as now_ms from catalog_version',
);
const NEXT_OFFER_END = preparedStatement(
  'catalog_next_offer_end',
  'select (extract(epoch from min(offer_ends_at)) * 1000)::float8 as at from products where offer_price_minor is not null and offer_ends_at > now()',
);

/**
 * The catalogue's version as a value of the body's own first statement: a miss of a key the cache
 * holds nothing for reads it there, in the same snapshot as the body's first data, instead of in a
 * round trip of its own before it (decision 062). Later statements of the body read newer data,
 * which can only make the kept body needlessly recomputed, as with a version read first.
 */
export type FoldedVersion = {
  /** To select in the first statement that reads the body's data. */
  column: RawBuilder<number>;
  /** The value that statement read. A body whose version was not reported is sent, not kept. */
  read(version: number): void;
};

const VERSION_COLUMN = sql<number>`(select sum(n)::float8 from catalog_version)`;

/** One cacheable response: what it depends on and how to compute it. */
export type CachedResponse = {
  /** The route and every value the body depends on (parameters, normalised query, later currency and language). */
  key: readonly unknown[];
  /**
   * The body as JSON text, read from `db` (the replica or the primary, where the version was read).
   * With `version` (only for a response that says `foldsVersion`), the version is read with the body.
   */
  compute(db: Kysely<DB>, version?: FoldedVersion): Promise<string>;
  /** compute selects `version.column` in its first statement and reports it (decision 062). */
  foldsVersion?: boolean;
  /** A list filtered or ordered by running offers changes when any offer ends, shown or not. */
  movesWithOffers?: boolean;
  /** What each request makes of the kept text (the product page's visitor's shipping line). */
  finish?(text: string): string;
};

export type CatalogCacheStats = { hits: number; misses: number; entries: number; bytes: number };

export type CatalogCache = {
  /** Sends the response's body, kept or computed. */
  serve(request: FastifyRequest, reply: FastifyReply, response: CachedResponse): Promise<FastifyReply>;
  stats(): CatalogCacheStats;
};

/** A body is kept as the bytes sent (no encoding per hit), or as text when each request finishes it. */
type Body = Buffer | string;
type Entry = { version: number; source: Kysely<DB>; until: number; body: Body; bytes: number };
type Pending = { version: number; source: Kysely<DB>; body: Promise<Body> };

/** An estimate of what an entry holds in memory: its key (two bytes a character), its body and the entry. */
const sizeOf = (key: string, body: Body) =>
  2 * key.length + (typeof body === 'string' ? 2 * body.length : body.length) + 100;

const OFFER_END = /"offerEndsAt":"([^"]+)"/g;

/** The earliest offer end a body shows (ms), or Infinity. */
export function earliestOfferEnd(text: string): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const match of text.matchAll(OFFER_END)) earliest = Math.min(earliest, Date.parse(match[1]!));
  return earliest;
}

/** A key's text: the same for the same values whatever the order of an object's properties. */
export function keyOf(parts: readonly unknown[]): string {
  return JSON.stringify(parts, (_name, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : value,
  );
}

async function readVersion(db: Kysely<DB>): Promise<{ version: number; now: number }> {
  const { rows } = await db.executeQuery<{ version: number; now_ms: number }>(CompiledQuery.raw(VERSION, []));
  return { version: Number(rows[0]!.version), now: Number(rows[0]!.now_ms) };
}

async function nextOfferEnd(db: Kysely<DB>): Promise<number> {
  const { rows } = await db.executeQuery<{ at: number | null }>(CompiledQuery.raw(NEXT_OFFER_END, []));
  const at = rows[0]?.at;
  return at === null || at === undefined ? Number.POSITIVE_INFINITY : Number(at);
}

/** The body as the route's response schema's serialiser writes it: what Fastify would have sent. */
export const serialized = (reply: FastifyReply, body: unknown): string => {
  const text = reply.serialize(body);
  return typeof text === 'string' ? text : Buffer.from(text as Uint8Array).toString('utf8');
};

const sendJson = (reply: FastifyReply, body: Body) =>
  bytesReply(reply).type('application/json; charset=utf-8').send(body);

export function createCatalogCache(publicReads: PublicReads, megabytes: number): CatalogCache {
  const maxBytes = megabytes * 1024 * 1024;
  const counts = { hits: 0, misses: 0 };
  if (maxBytes === 0) {
    return {
      async serve(request, reply, response) {
        const text = await publicReads.run(request, (db) => response.compute(db));
        return sendJson(reply, response.finish ? response.finish(text) : text);
      },
      stats: () => ({ ...counts, entries: 0, bytes: 0 }),
    };
  }
  // Least recently used first: a Map keeps insertion order, and a hit moves its entry to the end.
  const entries = new Map<string, Entry>();
  // Computations under way, so that requests for the same body at the same version wait for one.
  const pending = new Map<string, Pending>();
  let bytes = 0;

  const forget = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };

  const keep = (key: string, entry: Entry) => {
    const current = entries.get(key);
    // A body of an older version finished last: the newer one stays.
    if (current !== undefined && current.source === entry.source && current.version > entry.version) return;
    forget(key);
    if (entry.bytes > maxBytes) return;
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const [oldest] of entries) {
      if (bytes <= maxBytes) break;
      forget(oldest);
    }
  };

  const compute = (key: string, db: Kysely<DB>, version: number, response: CachedResponse): Promise<Body> => {
    const running = pending.get(key);
    if (running !== undefined && running.version === version && running.source === db) return running.body;
    const body = (async () => {
      // Read before the body: the next end of an offer the body may count on (see above).
      const offersUntil = response.movesWithOffers ? await nextOfferEnd(db) : Number.POSITIVE_INFINITY;
      const text = await response.compute(db);
      const until = Math.min(offersUntil, earliestOfferEnd(text));
      const kept = response.finish ? text : Buffer.from(text, 'utf8');
      keep(key, { version, source: db, until, body: kept, bytes: sizeOf(key, kept) });
      return kept;
    })();
    pending.set(key, { version, source: db, body });
    const done = () => {
      if (pending.get(key)?.body === body) pending.delete(key);
    };
    body.then(done, done);
    return body;
  };

  // A miss of a key with no entry and no computation under way from this server: the version is read
  // in the body's first statement. Not for lists that move with offers (their next offer end is read
  // between the version and the body).
  const computeFolded = (key: string, db: Kysely<DB>, response: CachedResponse): Promise<Body> =>
    (async () => {
      let version: number | undefined;
      const text = await response.compute(db, { column: VERSION_COLUMN, read: (v) => (version = Number(v)) });
      const kept = response.finish ? text : Buffer.from(text, 'utf8');
      if (version !== undefined && Number.isFinite(version))
        keep(key, { version, source: db, until: earliestOfferEnd(text), body: kept, bytes: sizeOf(key, kept) });
      return kept;
    })();

  return {
    async serve(request, reply, response) {
      const key = keyOf(response.key);
      const body = await publicReads.run(request, async (db) => {
        if (
          response.foldsVersion === true &&
          response.movesWithOffers !== true &&
          entries.get(key)?.source !== db &&
          pending.get(key)?.source !== db
        ) {
          counts.misses++;
          return computeFolded(key, db, response);
        }
        const { version, now } = await readVersion(db);
        const entry = entries.get(key);
        if (entry !== undefined && entry.version === version && entry.source === db && now < entry.until) {
          counts.hits++;
          entries.delete(key);
          entries.set(key, entry);
          return entry.body;
        }
        counts.misses++;
        return compute(key, db, version, response);
      });
      return sendJson(reply, response.finish ? response.finish(body as string) : body);
    },
    stats: () => ({ ...counts, entries: entries.size, bytes }),
  };
}
