// Completing a deletion request (decisions 018, 031):
// 1. claim: one transaction takes a lease on the request and, the first time, records the
//    person's unique identifiers (for the verification and the final mail) in its progress column;
// 2. record: the keys of every row that is the person's, through every ownership path the registry
//    declares (src/erasure/ownership.ts), before anything is erased;
// 3. erase: the registry's policies in bounded batches, each batch committing its progress with it,
//    so a worker killed at any moment (SIGKILL) is resumed by the next one where it stopped;
// 4. verify: every recorded row is gone or holds its replacements; the identifiers are searched in
//    every table as whole tokens; quotes of their email or phone in other people's words are
//    replaced with "[removed]" (src/erasure/verify.ts);
// 5. complete: one transaction writes the certificate and the final mail (which Souk forgets once
//    delivered), and clears the identifiers and the ownership record. It runs once: it needs the
//    lease, and it ends it.
// What the verification cannot settle itself becomes a finding (table, column, row, masked excerpt):
// the request waits in "needs attention" and no "deleted" mail goes out until staff erase each
// value or mark it "not this person's data" with a written reason (admin-routes.ts); processing it
// again resumes from the start of the registry (every step is idempotent) and verifies again.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Jobs } from '../../jobs/runner.ts';
import type { DB, ErasureCertificate, ErasureProgress } from '../../db/types.ts';
import { eraseInBatches, reportOf, type BatchState } from '../../erasure/executor.ts';
import { identifiersOf as uniqueIdentifiers, type Identifier } from '../../erasure/identifiers.ts';
import { RECORD_MARK, startProving, startRecording, type Prover, type Recording } from '../../erasure/ownership.ts';
import { erasureRegistry } from './registry.ts';
import { countScannedTables } from '../../erasure/scan.ts';
import { verifyErasure, type Finding } from '../../erasure/verify.ts';
import { partitionsOf } from '../../db/partitions.ts';
import { deletionMails } from './mails.ts';
import { languageOrDefault, type Language } from '../../lib/languages.ts';
import { identifyingOf } from '../accounts/index.ts';
import { savedPhonesOf } from '../addresses/index.ts';
import { sessionTokensOf } from '../auth/index.ts';
import { reviewPhotoKeysOf } from '../posts/index.ts';
import { productImageKeysOf } from '../catalog/index.ts';
import { keyIdOf, recordErasure, settleEntry, subjectHashOf, type LedgerEntry } from './ledger.ts';
import { erasureObserved, holdingLease } from './leases.ts';

export const DELETION_PROCESS_QUEUE = 'deletion.process-due';
export const ACCOUNT_ERASED_EVENT = 'account.erased';

/**
 * Tables the identifier search leaves out: the development mailbox stands for the recipients'
 * inboxes (outside Souk; the person's own mail in it is erased by its policy, the final mail keeps no
 * address), and the request's own record of what it erases and found (deleted when it completes).
 */
const NOT_SCANNED = ['public.dev_mailbox', 'public.erasure_owned_rows', 'public.deletion_findings'];
/** The request's progress and the identifiers being searched for, until it completes. */
const OWN_RECORD = ['public.deletion_requests.erasure', 'public.deletion_requests.identifiers'];

/**
 * The person's unique identifiers, read before the erasure; searched for after it: the account id,
 * its address and any address it was moving to, its phone and those of its saved addresses, the keys of the files it uploaded, the
 * keyed hash its rate-limit counters are named by, and the tokens of any session left.
 */
async function identifiersOf(
  ctx: AppContext,
  trx: Kysely<DB>,
  userId: string,
): Promise<{ email: string; language: Language; identifiers: Identifier[] } | null> {
  const user = await identifyingOf(trx, userId);
  if (!user) return null;
  // One after another: inside a transaction, and on PGlite one statement runs at a time anyway.
  const phones = await savedPhonesOf(trx, userId);
  const uploadKeys = [...(await reviewPhotoKeysOf(trx, userId)), ...(await productImageKeysOf(trx, userId))];
  const sessions = await sessionTokensOf(trx, userId);
  return {
    email: user.email,
    language: user.language,
    identifiers: uniqueIdentifiers({
      userId,
      emails: [user.email, ...user.pendingEmails],
      phones: [user.phone, ...phones],
      uploadKeys,
      tokens: [ctx.rateLimiter.keyPart(user.email), ...sessions],
    }),
  };
}

/** A request claimed before decision 031 named the person by `needles`: its id and address are identifiers. */
const identifiersIn = (progress: ErasureProgress, recorded: Identifier[] | null): Identifier[] =>
  recorded ??
  uniqueIdentifiers({ userId: progress.userId, emails: [progress.email], phones: [], uploadKeys: [], tokens: [] });

export type ProcessOutcome = 'completed' | 'needs_attention' | 'skipped';

export type ProcessOptions = {
  /** Called after every committed batch (the crash test's worker reports progress with it). */
  onBatch?: (state: BatchState) => void;
  /** Fixed rows per batch instead of the engine's pace (tests that want many small batches). */
  batchRows?: number;
  /** Called as each step ends: the ownership record, the erasure, the verification (the benchmark times them). */
  onStep?: (step: 'recorded' | 'erased' | 'verified') => void;
  /** Record ownership beside the erasure (true) or before it (false) instead of the engine's way (RECORD_BESIDE). */
  recordBeside?: boolean;
  /**
   * A start after a restore erasing again an account the ledger says was erased (reapply.ts): the
   * request completes with the certificate first issued, at its time, and sends neither the final
   * mail nor the webhook again (both went out when the erasure first completed; decision 042).
   */
  replay?: LedgerEntry;
};

class LeaseLost extends Error {
  constructor() {
    super('another worker holds this deletion request');
  }
}

/** The process is draining (SIGTERM): the erasure stops between batches and hands its lease back. */
class Draining extends Error {
  constructor() {
    super('the process is shutting down');
  }
}

const rowsOf = (state: BatchState) => Object.values(state.rows).reduce((sum, r) => sum + r.rows, 0);

/** How batches are paced on each engine (measured in bench/erasure.ts). */
const PACE = {
  // One connection serves everything: batches short enough that a waiting request never waits long.
  pglite: { limit: 200, targetMs: 10, pause: 0, asyncCommit: false },
  // Readers are never blocked (MVCC), but they share the CPU: larger batches, with a breather.
  // Batches need not wait for the disk: a database crash loses at most the last few, with their
  // progress, and the resumed run repeats them (decision 022).
  postgres: { limit: 1000, targetMs: 100, pause: 0.5, asyncCommit: true },
} as const;

/**
 * Whether the ownership record runs beside the erasure (decision 036): on PostgreSQL it uses other
 * connections (and cores) than the erasure's batches; PGlite serves one statement at a time, so it
 * would only interleave the same work.
 */
const RECORD_BESIDE = { pglite: false, postgres: true } as const;

/** Tables the verification scan reads at once: PGlite has one connection; PostgreSQL's pool has more. */
const SCAN_CONCURRENCY = { pglite: 1, postgres: 2 } as const;

/**
 * On PostgreSQL: whether anyone else is using this database right now (a connection other than the
 * batch's own is in a statement or a transaction, or finished one in the last 250 ms: the shop
 * serving requests, in this process or another). The erasure pauses between batches only then.
 * Sampled once per batch; the pool hands back the most recently released connection, so an erasure
 * running alone keeps meeting its own connection.
 */
async function othersUsingDatabase(trx: Kysely<DB>): Promise<boolean> {
  const {
    rows: [others],
  } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
      and (state <> 'idle' or state_change > clock_timestamp() - interval '250 milliseconds')
      and query not like ${`/* ${RECORD_MARK} */%`}`.execute(trx);
  return (others?.n ?? 0) > 0;
}

/**
 * Runs the erasure beside a recording: when the erasure fails, the recording is stopped and waited
 * for (no statement of it outlives this call); when the recording fails, the erasure's next wait for
 * it throws its error.
 */
async function eraseBeside<T>(recording: Recording, erase: () => Promise<T>): Promise<T> {
  try {
    return await erase();
  } catch (error) {
    recording.stop();
    await recording.done.catch(() => undefined);
    throw error;
  }
}

type Claimed = { reference: string; receivedAt: Date; progress: ErasureProgress; identifiers: Identifier[] };

/** Takes the lease (or finds someone else holds it) and, the first time, records who is erased. */
async function claim(ctx: AppContext, requestId: string, token: string): Promise<Claimed | null> {
  return ctx.db.transaction().execute(async (t) => {
    const trx = t as Kysely<DB>;
    const request = await trx
      .updateTable('deletion_requests')
      .set({
        status: 'processing',
        lease_token: token,
        lease_until: sql<Date>`now() + make_interval(secs => ${ctx.config.deletionLeaseSeconds})`,
      })
      .where('id', '=', requestId)
      .where('hold_reason', 'is', null)
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['received', 'needs_attention']),
          eb.and([
            eb('status', '=', 'processing'),
            eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]),
          ]),
        ]),
      )
      .returning(['reference', 'user_id', 'received_at', 'erasure', 'identifiers'])
      .executeTakeFirst();
    if (!request) return null;
    let progress = request.erasure;
    let identifiers = request.identifiers;
    if (!progress) {
      const who = request.user_id ? await identifiersOf(ctx, trx, request.user_id) : null;
      if (!who || !request.user_id)
        throw new Error(`deletion request ${request.reference} has no account and no recorded progress`);
      progress = {
        userId: request.user_id,
        email: who.email,
        language: who.language,
        recorded: false,
        redacted: {},
        at: null,
        rows: {},
        files: 0,
        pendingFiles: [],
      };
      identifiers = who.identifiers;
      await trx
        .updateTable('deletion_requests')
        .set({ erasure: JSON.stringify(progress), identifiers: JSON.stringify(identifiers) })
        .where('id', '=', requestId)
        .execute();
    }
    return {
      reference: request.reference,
      receivedAt: request.received_at,
      progress,
      identifiers: identifiersIn(progress, identifiers),
    };
  });
}

/** Inside a transaction: renews the lease, or throws when another worker took the request over. */
async function holdLease(trx: Kysely<DB>, ctx: AppContext, requestId: string, token: string): Promise<void> {
  const renewed = await trx
    .updateTable('deletion_requests')
    .set({ lease_until: sql<Date>`now() + make_interval(secs => ${ctx.config.deletionLeaseSeconds})` })
    .where('id', '=', requestId)
    .where('status', '=', 'processing')
    .where('lease_token', '=', token)
    .executeTakeFirst();
  if (Number(renewed.numUpdatedRows) !== 1) throw new LeaseLost();
}

export async function processDeletion(
  ctx: AppContext,
  requestId: string,
  options: ProcessOptions = {},
): Promise<ProcessOutcome> {
  const token = randomUUID();
  const claimed = await claim(ctx, requestId, token);
  if (!claimed) return 'skipped';
  const unhold = holdingLease(ctx, token);
  try {
    return await processClaimed(ctx, requestId, token, claimed, options);
  } finally {
    unhold();
  }
}

async function processClaimed(
  ctx: AppContext,
  requestId: string,
  token: string,
  claimed: Claimed,
  options: ProcessOptions,
): Promise<ProcessOutcome> {
  const { reference } = claimed;
  let progress = claimed.progress;
  const subject = { userId: progress.userId, email: progress.email };
  const { identifiers } = claimed;
  const saveProgress = async (trx: Kysely<DB>, next: ErasureProgress) => {
    await trx
      .updateTable('deletion_requests')
      .set({ erasure: JSON.stringify(next) })
      .where('id', '=', requestId)
      .execute();
    progress = next;
  };
  let done: { mailId: string | null; webhookId: string | null } | null = null;
  let state: BatchState;
  let recorded = progress.recorded;
  const beside = options.recordBeside ?? RECORD_BESIDE[ctx.database.engine];
  // Beside the erasure, each table's rows are proven gone or anonymised once its steps are done.
  const prover: Prover | null = beside ? startProving(ctx.db, requestId, erasureRegistry) : null;
  const eraseAll = (ready?: (table: string) => Promise<void>) =>
    eraseInBatches(ctx, subject, {
      ...PACE[ctx.database.engine],
      ...(ctx.database.engine === 'postgres' ? { othersBusy: othersUsingDatabase } : {}),
      ...(options.batchRows === undefined ? {} : { limit: options.batchRows, targetMs: null }),
      ...(ready ? { ready } : {}),
      ...(prover ? { erased: (table: string, relation?: string) => void prover.erased(table, relation) } : {}),
      registry: erasureRegistry,
      state: progress,
      // The lease is checked and renewed by the batch's progress save (below), in the batch's own
      // transaction: a worker that lost it rolls the batch back, as it would have refused it.
      guard: async () => {
        if (ctx.lifecycle.draining) throw new Draining();
      },
      // On PGlite, a table's dead row versions and index entries go as soon as its steps are done:
      // later steps (the users row's delete checks every table that points at it) then read none.
      afterTable: (table) => reclaimSpace(ctx, [table]),
      persist: async (trx, next) => {
        const saved = { ...progress, ...next, recorded };
        const held = await trx
          .updateTable('deletion_requests')
          .set({
            erasure: JSON.stringify(saved),
            lease_until: sql<Date>`now() + make_interval(secs => ${ctx.config.deletionLeaseSeconds})`,
          })
          .where('id', '=', requestId)
          .where('status', '=', 'processing')
          .where('lease_token', '=', token)
          .executeTakeFirst();
        if (Number(held.numUpdatedRows) !== 1) throw new LeaseLost();
        progress = saved;
        options.onBatch?.(next);
      },
    });
  const erasing = { since: performance.now(), rowsBefore: rowsOf(progress) };
  try {
    // 2 and 3: the ownership record, then the erasure; on PostgreSQL side by side (decision 036),
    // the erasure of each table waiting until its rows, and those of every table before it in the
    // registry, are recorded. Nothing of the person is erased before it is recorded: a run killed
    // in between records on where it stopped.
    if (!progress.recorded) {
      const underLease = <T>(work: (trx: Kysely<DB>) => Promise<T>) =>
        ctx.db.transaction().execute(async (t) => {
          const trx = t as Kysely<DB>;
          if (ctx.lifecycle.draining) throw new Draining();
          await holdLease(trx, ctx, requestId, token);
          return work(trx);
        });
      // The record's chunks may be written by two lanes at once (PostgreSQL): each statement checks
      // the lease without locking the request's row, and it is renewed well before it runs out.
      let renewedAt = Date.now();
      const started = startRecording(ctx, requestId, subject, erasureRegistry, {
        held: sql<boolean>`exists (select 1 from deletion_requests where id = ${requestId} and status = 'processing' and lease_token = ${token})`,
        between: async () => {
          if (Date.now() - renewedAt < (ctx.config.deletionLeaseSeconds * 1000) / 3) return;
          renewedAt = Date.now();
          await underLease(async () => undefined);
        },
        lost: () => new LeaseLost(),
      });
      // The first batch committed after the record is complete says so with its progress.
      started.done.then(
        () => {
          recorded = true;
          options.onStep?.('recorded');
        },
        () => undefined,
      );
      if (beside) {
        state = await eraseBeside(started, () => eraseAll((table) => started.ready(table)));
        await started.done;
      } else {
        await started.done;
        await underLease((trx) => saveProgress(trx, { ...progress, recorded: true }));
        state = await eraseAll();
      }
    } else {
      options.onStep?.('recorded');
      state = await eraseAll();
    }
    options.onStep?.('erased');
    erasureObserved(ctx, {
      rows: Math.max(0, rowsOf(state) - erasing.rowsBefore),
      seconds: (performance.now() - erasing.since) / 1000,
    });
    // Alone, the lanes share the largest tables page by page; while the shop is busy, one lane per
    // table, which leaves it a core once the small tables are read (decision 026).
    const proven = await prover?.finish();
    const othersBusy = ctx.database.engine === 'postgres' && (await othersUsingDatabase(ctx.db));
    const verification = await verifyErasure(ctx.db, {
      requestId,
      ...(proven ? { proven } : {}),
      identifiers,
      registry: erasureRegistry,
      skip: { tables: NOT_SCANNED, columns: OWN_RECORD },
      lanes: SCAN_CONCURRENCY[ctx.database.engine],
      scan: {
        targetMs: PACE[ctx.database.engine].targetMs,
        concurrency: SCAN_CONCURRENCY[ctx.database.engine],
        ...(othersBusy ? { minPiecePages: Number.POSITIVE_INFINITY } : {}),
        ...(ctx.database.watchStatements ? { watchStatements: ctx.database.watchStatements } : {}),
      },
    });
    options.onStep?.('verified');
    const redacted = { ...progress.redacted };
    for (const [place, n] of Object.entries(verification.redacted)) redacted[place] = (redacted[place] ?? 0) + n;
    if (verification.findings.length > 0) {
      const again: ErasureProgress = { ...progress, ...state, redacted, at: null };
      const parked = await ctx.db.transaction().execute(async (t) => {
        const trx = t as Kysely<DB>;
        const held = await trx
          .updateTable('deletion_requests')
          .set({
            status: 'needs_attention',
            attention: attentionOf(verification.findings),
            erasure: JSON.stringify(again),
            lease_token: null,
            lease_until: null,
          })
          .where('id', '=', requestId)
          .where('lease_token', '=', token)
          .executeTakeFirst();
        if (Number(held.numUpdatedRows) !== 1) return false;
        await saveFindings(trx, requestId, verification.findings);
        return true;
      });
      return parked ? 'needs_attention' : 'skipped';
    }
    const tablesScanned = await countScannedTables(ctx.db);
    done = await ctx.db.transaction().execute(async (t) => {
      const trx = t as Kysely<DB>;
      await holdLease(trx, ctx, requestId, token);
      const resolved = await trx
        .selectFrom('deletion_findings')
        .select(['table_name', 'column_name', 'identifier', 'status', 'reason'])
        .where('request_id', '=', requestId)
        .where('status', '<>', 'open')
        .orderBy('table_name')
        .orderBy('column_name')
        .execute();
      const { replay } = options;
      const mailId = replay
        ? null
        : await ctx.mail.enqueue(trx, {
            to: progress.email,
            userId: null,
            kind: 'account_security',
            mail: deletionMails.deleted(languageOrDefault(progress.language), { reference }),
            deleteAfterSend: true,
          });
      const webhookId = replay ? null : await ctx.webhooks.enqueue(trx, ACCOUNT_ERASED_EVENT, { reference });
      const certificate: ErasureCertificate = replay?.certificate ?? {
        reference,
        receivedAt: claimed.receivedAt.toISOString(),
        completedAt: new Date().toISOString(),
        rows: reportOf(state),
        filesDeleted: state.files,
        scan: {
          clean: true,
          identifiersChecked: identifiers.length,
          tablesScanned,
          identifierKinds: [...new Set(identifiers.map((i) => i.kind))],
        },
        ownership: verification.proof.tables,
        redacted: Object.entries(redacted)
          .filter(([, n]) => n > 0)
          .map(([place, values]) => {
            const dot = place.lastIndexOf('.');
            return { table: place.slice(0, dot), column: place.slice(dot + 1), values };
          }),
        dismissed: resolved
          .filter((f) => f.status === 'dismissed')
          .map((f) => ({
            table: f.table_name,
            column: f.column_name,
            identifier: f.identifier,
            reason: f.reason ?? '',
          })),
        erasedByStaff: resolved.filter((f) => f.status === 'erased').length,
      };
      // What was found goes: the certificate says what it proved. The ownership record (many keys on
      // a large account) goes right after, in small statements (dropOwnershipRecords).
      await trx.deleteFrom('deletion_findings').where('request_id', '=', requestId).execute();
      await trx
        .updateTable('deletion_requests')
        .set({
          status: 'completed',
          // The certificate's time (the first completion's, when done again after a restore).
          completed_at: new Date(certificate.completedAt),
          attention: null,
          certificate: JSON.stringify(certificate),
          cancel_token_hash: null,
          user_id: null,
          erasure: null,
          identifiers: null,
          lease_token: null,
          lease_until: null,
        })
        .where('id', '=', requestId)
        .execute();
      // Last before the commit: on PGlite the ledger file is written ahead of it.
      if (replay) await settleEntry(trx, replay, 'erased_again');
      else
        await recordErasure(ctx, trx, {
          reference,
          subjectHash: subjectHashOf(ctx.config.authSecret, progress.userId),
          keyId: keyIdOf(ctx.config.authSecret),
          completedAt: certificate.completedAt,
          certificate,
        });
      return { mailId, webhookId };
    });
  } catch (error) {
    await prover?.finish();
    if (error instanceof LeaseLost) return 'skipped';
    // Let the next run (the due job, or staff) take over at once rather than after the lease.
    if (!done) {
      await ctx.db
        .updateTable('deletion_requests')
        .set({ lease_until: sql<Date>`now()` })
        .where('id', '=', requestId)
        .where('lease_token', '=', token)
        .execute()
        .catch(() => undefined);
    }
    // Stopped by a drain: the lease is back, the next worker resumes after the committed batches.
    if (error instanceof Draining) return 'skipped';
    throw error;
  }
  await dropOwnershipRecords(ctx);
  await ctx.mail.dispatch([done.mailId]);
  await ctx.webhooks.dispatch([done.webhookId]);
  await reclaimSpace(
    ctx,
    reportOf(state).map((r) => r.table),
  );
  return 'completed';
}

/**
 * Deletes the ownership record of completed requests, 20 chunks a statement so that no statement
 * holds PGlite for long. Run after each completion, and by housekeeping for a process that died
 * right after one.
 */
export async function dropOwnershipRecords(ctx: AppContext): Promise<void> {
  for (;;) {
    const dropped = await sql`
      delete from erasure_owned_rows where (request_id, relation, chunk) in (
        select o.request_id, o.relation, o.chunk from erasure_owned_rows o join deletion_requests r on r.id = o.request_id
        where r.status = 'completed' limit 20)`.execute(ctx.db);
    if (Number(dropped.numAffectedRows ?? 0) < 20) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** What staff read on the request: how many findings, where (table and column, never the data). */
function attentionOf(findings: Finding[]): string {
  const places = [...new Set(findings.map((f) => `${f.table}.${f.column === '*' ? 'row' : f.column}`))];
  return `${findings.length === 1 ? '1 finding' : `${findings.length} findings`} to resolve, in ${places.join(', ')}.`;
}

/**
 * Stores this run's findings: a place found again is open again (unless staff dismissed it); open
 * findings not found this time are settled and go.
 */
async function saveFindings(trx: Kysely<DB>, requestId: string, findings: Finding[]): Promise<void> {
  await trx.deleteFrom('deletion_findings').where('request_id', '=', requestId).where('status', '=', 'open').execute();
  for (let i = 0; i < findings.length; i += 500) {
    await trx
      .insertInto('deletion_findings')
      .values(
        findings.slice(i, i + 500).map((f) => ({
          request_id: requestId,
          table_name: f.table,
          column_name: f.column,
          row_key: f.rowKey,
          identifier: f.identifier,
          needle: f.needle,
          excerpt: f.excerpt,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['request_id', 'table_name', 'column_name', 'row_key', 'needle'])
          .doUpdateSet((eb) => ({
            status: 'open',
            excerpt: eb.ref('excluded.excerpt'),
            reason: null,
            resolved_by: null,
            resolved_at: null,
            found_at: sql<Date>`now()`,
          }))
          .where('deletion_findings.status', '<>', 'dismissed'),
      )
      .execute();
  }
}

/**
 * PGlite has no autovacuum: without a VACUUM the erased rows' dead versions would stay in the data
 * files until something else reclaims the space, and their index entries (the users table's email
 * index holds the address) for good. PGlite runs one statement at a time for every request, so each
 * VACUUM must be short: one table per statement, a partitioned table (messages, decision 029) one
 * partition per statement, yielding in between, with the index cleanup VACUUM decides on.
 * Run after each table's steps, and once more for every table at the end: a run that resumes an
 * interrupted erasure did not see the earlier tables' steps end (a VACUUM of a table nothing
 * changed since skips its pages).
 * PostgreSQL's autovacuum does this on its own schedule (docs/privacy.md).
 */
async function reclaimSpace(ctx: AppContext, tables: string[]): Promise<void> {
  if (ctx.database.engine !== 'pglite') return;
  for (const table of tables) {
    const partitions = await partitionsOf(ctx.db, table);
    for (const name of partitions.length > 0 ? partitions : [table]) {
      await sql`vacuum ${sql.table(name)}`.execute(ctx.db);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** Processes every request whose waiting period is over and that no one put on hold, and resumes interrupted ones. */
export async function processDueDeletions(ctx: AppContext): Promise<number> {
  const due = await ctx.db
    .selectFrom('deletion_requests')
    .select('id')
    .where('hold_reason', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'received'), eb('process_after', '<=', sql<Date>`now()`)]),
        eb.and([eb('status', '=', 'processing'), eb('lease_until', '<', sql<Date>`now()`)]),
      ]),
    )
    .orderBy('process_after')
    .limit(20)
    .execute();
  let completed = 0;
  for (const request of due) {
    if (ctx.lifecycle.draining) break;
    if ((await processDeletion(ctx, request.id)) === 'completed') completed++;
  }
  return completed;
}

export async function registerDeletionJobs(ctx: AppContext, jobs: Jobs): Promise<void> {
  await jobs.work(DELETION_PROCESS_QUEUE, async () => {
    await processDueDeletions(ctx);
  });
  await jobs.schedule(DELETION_PROCESS_QUEUE, '* * * * *');
}
