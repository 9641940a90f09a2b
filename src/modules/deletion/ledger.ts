// The erasure ledger (decision 042): a minimal, non-personal record of every completed erasure, kept
// where the restore of an older backup cannot reach it, so that a start after such a restore erases
// again whoever the backup brought back (reapply.ts).
// - In the database, `erasure_ledger` (written in the completing transaction): a backup taken later
//   knows the erasures before it.
// - Outside what `npm run backup` saves: on PostgreSQL the `souk_ledger` schema (pg_dump leaves it
//   out, `npm run restore` never drops it; in the completing transaction too); on PGlite, whose
//   data-dir dump holds every schema, `DATA_DIR/erasure-ledger.jsonl`, appended and synced to disk
//   before the completing transaction commits (ahead of the database: an entry whose commit failed
//   only makes the next start finish that erasure).
// An entry: the request's reference, HMAC-SHA256(AUTH_SECRET, account id), which secret that was,
// the completion time and the certificate as issued. Never an address, a name or the id itself.
import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB, ErasureCertificate } from '../../db/types.ts';

export type LedgerEntry = {
  reference: string;
  subjectHash: string;
  keyId: string;
  completedAt: string;
  certificate: ErasureCertificate;
};

/** The keyed hash that names an account in the ledger. */
export const subjectHashOf = (secret: string, userId: string): string =>
  createHmac('sha256', secret).update(`souk.erasure-ledger.subject:${userId}`).digest('hex');

/** Which secret keyed an entry's hash (an entry keyed by another secret cannot be matched). */
export const keyIdOf = (secret: string): string =>
  createHmac('sha256', secret).update('souk.erasure-ledger.key').digest('hex').slice(0, 16);

/** The PGlite ledger file, next to (not inside) the database directory `npm run backup` dumps. */
export function ledgerFileOf(config: { databaseUrl: string | undefined; dataDir: string }): string | null {
  if (config.databaseUrl || config.dataDir === 'memory://') return null;
  return path.join(config.dataDir, 'erasure-ledger.jsonl');
}

const LEDGER_TABLE = sql`
  create table if not exists souk_ledger.erasures (
    reference text primary key,
    subject_hash text not null,
    key_id text not null,
    completed_at timestamptz not null,
    certificate jsonb not null
  )`;

/** Appends entries and syncs the file (and, when it is new, its directory) to disk. */
async function appendToFile(file: string, entries: LedgerEntry[]): Promise<void> {
  const created = !(await fs.stat(file).catch(() => null));
  const handle = await fs.open(file, 'a', 0o600);
  try {
    // Each entry starts on a line of its own: a line torn by a crash mid-write is skipped when read,
    // and cannot swallow the next entry.
    await handle.write(entries.map((e) => `\n${JSON.stringify(e)}\n`).join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) {
    const dir = await fs.open(path.dirname(file), 'r');
    await dir.sync().finally(() => dir.close());
  }
}

const isEntry = (value: unknown): value is LedgerEntry => {
  const e = value as Partial<LedgerEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.reference === 'string' &&
    typeof e.subjectHash === 'string' &&
    typeof e.keyId === 'string' &&
    typeof e.completedAt === 'string' &&
    typeof e.certificate === 'object' &&
    e.certificate !== null
  );
};

/** The file's entries, once each; a torn or foreign line is left out. */
export async function readLedgerFile(file: string): Promise<LedgerEntry[]> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const entries = new Map<string, LedgerEntry>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isEntry(parsed) && !entries.has(parsed.reference)) entries.set(parsed.reference, parsed);
    } catch {
      // a line torn by a crash while it was written: its erasure never committed
    }
  }
  return [...entries.values()];
}

/**
 * Records a completed erasure, inside the transaction that completes it: in the database's copy, and
 * in the ledger outside the backup (PostgreSQL: the same transaction; PGlite: the file, synced
 * before the commit).
 */
export async function recordErasure(ctx: AppContext, trx: Kysely<DB>, entry: LedgerEntry): Promise<void> {
  await trx
    .insertInto('erasure_ledger')
    .values({
      reference: entry.reference,
      subject_hash: entry.subjectHash,
      key_id: entry.keyId,
      completed_at: new Date(entry.completedAt),
      certificate: JSON.stringify(entry.certificate),
    })
    .onConflict((oc) => oc.column('reference').doNothing())
    .execute();
  if (ctx.database.engine === 'postgres') {
    await sql`
      insert into souk_ledger.erasures (reference, subject_hash, key_id, completed_at, certificate)
      values (${entry.reference}, ${entry.subjectHash}, ${entry.keyId}, ${entry.completedAt}, ${JSON.stringify(entry.certificate)})
      on conflict (reference) do nothing`.execute(trx);
    return;
  }
  const file = ledgerFileOf(ctx.config);
  if (file) await appendToFile(file, [entry]);
}

type EntryRow = {
  reference: string;
  subject_hash: string;
  key_id: string;
  completed_at: Date | string;
  certificate: ErasureCertificate | string;
};

const entryOf = (row: EntryRow): LedgerEntry => ({
  reference: row.reference,
  subjectHash: row.subject_hash,
  keyId: row.key_id,
  completedAt: new Date(row.completed_at).toISOString(),
  certificate: typeof row.certificate === 'string' ? JSON.parse(row.certificate) : row.certificate,
});

/**
 * At start: brings the ledger outside the backup up to date with the database's copy (entries a
 * restored later backup knows, or one a crash kept from the file), and returns the entries whose
 * erasure the database does not know as completed: what a restore of an older backup undid.
 * When there is nothing to do: on PostgreSQL one read after three small statements (two make sure
 * the schema exists: a restore into a new database starts without it; one copies nothing), on
 * PGlite a file read and two small queries.
 */
export async function erasuresUnknownToDatabase(ctx: AppContext): Promise<LedgerEntry[]> {
  if (ctx.database.engine === 'postgres') {
    await sql`create schema if not exists souk_ledger`.execute(ctx.db);
    await LEDGER_TABLE.execute(ctx.db);
    await sql`
      insert into souk_ledger.erasures (reference, subject_hash, key_id, completed_at, certificate)
      select l.reference, l.subject_hash, l.key_id, l.completed_at, l.certificate from erasure_ledger l
      where not exists (select 1 from souk_ledger.erasures e where e.reference = l.reference)`.execute(ctx.db);
    const { rows } = await sql<EntryRow>`
      select e.reference, e.subject_hash, e.key_id, e.completed_at, e.certificate from souk_ledger.erasures e
      where not exists (select 1 from deletion_requests r where r.reference = e.reference and r.status = 'completed')
      order by e.completed_at`.execute(ctx.db);
    return rows.map(entryOf);
  }
  const file = ledgerFileOf(ctx.config);
  if (!file) return [];
  const inFile = await readLedgerFile(file);
  const references = JSON.stringify(inFile.map((e) => e.reference));
  const notInFile = await sql<EntryRow>`
    select l.reference, l.subject_hash, l.key_id, l.completed_at, l.certificate from erasure_ledger l
    where not exists (select 1 from jsonb_array_elements_text(${references}::jsonb) f where f = l.reference)`.execute(
    ctx.db,
  );
  if (notInFile.rows.length > 0) await appendToFile(file, notInFile.rows.map(entryOf));
  if (inFile.length === 0) return [];
  const { rows } = await sql<{ reference: string }>`
    select f as reference from jsonb_array_elements_text(${references}::jsonb) f
    where not exists (select 1 from deletion_requests r where r.reference = f and r.status = 'completed')`.execute(
    ctx.db,
  );
  const unknown = new Set(rows.map((r) => r.reference));
  return inFile.filter((e) => unknown.has(e.reference)).sort((a, b) => a.completedAt.localeCompare(b.completedAt));
}

/** Records in the database what a start after a restore did with an entry of the ledger. */
export async function settleEntry(
  trx: Kysely<DB>,
  entry: LedgerEntry,
  settled: 'erased_again' | 'absent',
): Promise<void> {
  await trx
    .insertInto('erasure_ledger')
    .values({
      reference: entry.reference,
      subject_hash: entry.subjectHash,
      key_id: entry.keyId,
      completed_at: new Date(entry.completedAt),
      certificate: JSON.stringify(entry.certificate),
      settled,
      settled_at: sql<Date>`now()`,
    })
    .onConflict((oc) => oc.column('reference').doUpdateSet({ settled, settled_at: sql<Date>`now()` }))
    .execute();
}
