// Verifying an erasure (decision 031): ownership first, exact identifiers second, mentions reported
// but never blocking.
// 1. Every row recorded as the person's before the erasure is gone, or holds exactly its policy's
//    replacements (ownership.ts).
// 2. Their unique identifiers (identifiers.ts) are searched in every text column of every table as
//    whole tokens (scan.ts). Where other people's words quote their exact email address or phone
//    number (a column a policy declares in `quotes`), the identifier is replaced with "[removed]"
//    and counted; anywhere else a hit is a finding.
// 3. Findings staff marked "not this person's data" (with a written reason) are not findings again.
// Names and street lines are not searched outside the person's own rows: they are not unique.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import {
  maskedExcerpt,
  REDACTED,
  REDACTED_SHORT,
  tokenPattern,
  tokenRegExp,
  type Identifier,
  type IdentifierKind,
} from './identifiers.ts';
import { keyEquals, primaryKeyOf, proveOwnership, type OwnershipProof, type TableProof } from './ownership.ts';
import type { ErasurePolicy } from './policy.ts';
import { scanForIdentifiers, type ScanOptions, type ScanSkip } from './scan.ts';

export type Finding = {
  table: string;
  column: string;
  rowKey: string;
  identifier: IdentifierKind | 'ownership';
  /** the identifier's index in the request's list; -1 for ownership */
  needle: number;
  excerpt: string;
};

export type Verification = {
  proof: OwnershipProof;
  /** quotes removed from other people's words in this run, per "table.column" */
  redacted: Record<string, number>;
  findings: Finding[];
};

/** Identifiers a quote of which is removed from other people's words: how one reaches the person. */
const REDACTABLE: IdentifierKind[] = ['email', 'phone'];

/** "table.column" → whether the registry declares it as people's own words. */
function quoteColumns(registry: ErasurePolicy[]): Set<string> {
  return new Set(registry.flatMap((p) => (p.quotes ?? []).map((column) => `${p.table}.${column}`)));
}

export const findingKey = (f: { table: string; column: string; rowKey: string; needle: number }) =>
  `${f.table}\n${f.column}\n${f.rowKey}\n${f.needle}`;

/** Replaces every whole-token quote of the identifier in one column of a relation (of one row, given its key); returns the rows changed. */
export async function redactQuotes(
  db: Kysely<any>,
  relation: string,
  column: string,
  identifier: Identifier,
  rowKey?: string,
): Promise<number> {
  const pattern = tokenPattern(identifier);
  const row = rowKey === undefined ? sql`` : sql`and ${keyEquals(await primaryKeyOf(db, relation), rowKey)}`;
  // Never longer than it was, so whatever length the column allows still holds ("[-]" otherwise).
  const result = await sql`
    update ${sql.table(relation)} set ${sql.ref(column)} = case
      when char_length(regexp_replace(${sql.ref(column)}, ${pattern}, ${REDACTED}, 'gi')) <= char_length(${sql.ref(column)})
        then regexp_replace(${sql.ref(column)}, ${pattern}, ${REDACTED}, 'gi')
      else regexp_replace(${sql.ref(column)}, ${pattern}, ${REDACTED_SHORT}, 'gi') end
    where ${sql.ref(column)} ~* ${pattern} ${row}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** One row's column as text (empty when the row is gone). */
export async function cellText(db: Kysely<any>, relation: string, column: string, rowKey: string): Promise<string> {
  const {
    rows: [row],
  } = await sql<{ text: string | null }>`
    select ${sql.ref(column)}::text as text from ${sql.table(relation)} where ${keyEquals(await primaryKeyOf(db, relation), rowKey)}`.execute(
    db,
  );
  return row?.text ?? '';
}

/**
 * Which of the identifiers a finding of `found` stands for: that one, or for the keys of uploaded
 * files (searched together) each of them the text holds.
 */
export function identifiersFound(text: string, found: Identifier, all: Identifier[]): Identifier[] {
  if (found.kind !== 'upload key') return [found];
  return all.filter((i) => i.kind === 'upload key' && tokenRegExp(i, 'i').test(text));
}

/** The masked text around the identifier in one row's column. */
async function excerptOf(
  db: Kysely<any>,
  relation: string,
  column: string,
  rowKey: string,
  identifier: Identifier | undefined,
  all: Identifier[],
): Promise<string> {
  const text = await cellText(db, relation, column, rowKey);
  const [shown] = identifier ? identifiersFound(text, identifier, all) : [];
  return maskedExcerpt(text, shown ?? identifier ?? all[0]!, all);
}

export async function verifyErasure(
  db: Kysely<DB>,
  input: {
    requestId: string;
    identifiers: Identifier[];
    registry: ErasurePolicy[];
    skip: ScanSkip;
    scan: ScanOptions;
    lanes?: number;
    /** tables already proven clean beside the erasure (startProving) */
    proven?: ReadonlyMap<string, TableProof>;
  },
): Promise<Verification> {
  const { requestId, identifiers, registry } = input;
  const dismissed = new Set(
    (
      await db
        .selectFrom('deletion_findings')
        .select(['table_name as table', 'column_name as column', 'row_key as rowKey', 'needle'])
        .where('request_id', '=', requestId)
        .where('status', '=', 'dismissed')
        .execute()
    ).map(findingKey),
  );

  // The proof and the scan read different things and neither writes: on PostgreSQL they run side
  // by side (each on its own lanes of the pool); on PGlite their statements take turns.
  const [proof, hits] = await Promise.all([
    proveOwnership(db, requestId, registry, input.lanes, input.proven),
    scanForIdentifiers(db, identifiers, input.skip, input.scan),
  ]);
  const findings: Finding[] = proof.findings
    .map(
      (f): Finding => ({
        ...f,
        identifier: 'ownership',
        needle: -1,
        excerpt:
          f.column === '*'
            ? 'This row was theirs and is still there.'
            : `This row was theirs and does not hold its replacements in ${f.column}.`,
      }),
    )
    .filter((f) => !dismissed.has(findingKey(f)));

  const quotes = quoteColumns(registry);
  const redacted: Record<string, number> = {};
  for (const hit of hits) {
    const identifier = identifiers[hit.needle];
    const place = `${hit.table}.${hit.column}`;
    if (identifier && REDACTABLE.includes(identifier.kind) && quotes.has(place)) {
      const rows = await redactQuotes(db, hit.relation, hit.column, identifier);
      redacted[place] = (redacted[place] ?? 0) + rows;
      continue;
    }
    for (const rowKey of hit.keys) {
      const finding = { table: hit.table, column: hit.column, rowKey, needle: hit.needle };
      if (dismissed.has(findingKey(finding))) continue;
      findings.push({
        ...finding,
        identifier: identifier?.kind ?? 'token',
        excerpt: await excerptOf(db, hit.relation, hit.column, rowKey, identifier, identifiers),
      });
    }
  }
  return { proof, redacted, findings };
}
