// A completed request's erasure certificate. The server's schema declares it as an open object,
// so its parts are read here, each checked, instead of trusted: an entry in another shape is left out.

type Scan = { clean: boolean; identifiersChecked: number; tablesScanned: number };
type StepRows = { table: string; action: string; rows: number };
type OwnedRows = { table: string; recorded: number; gone: number; anonymised: number };
type Redacted = { table: string; column: string; values: number };
type Dismissed = { table: string; column: string; identifier: string; reason: string };

export type ErasureCertificate = {
  scan: Scan;
  filesDeleted: number;
  rows: StepRows[];
  ownership: OwnedRows[];
  redacted: Redacted[];
  dismissed: Dismissed[];
};

type Fields = Record<string, unknown>;
const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The entries of a list that `read` accepts. */
function listOf<T>(value: unknown, read: (item: Fields) => T | undefined): T[] {
  if (!Array.isArray(value)) return [];
  const items: T[] = [];
  for (const item of value) {
    const entry = isRecord(item) ? read(item) : undefined;
    if (entry !== undefined) items.push(entry);
  }
  return items;
}

function readScan(value: unknown): Scan | undefined {
  if (!isRecord(value)) return undefined;
  const { clean, identifiersChecked, tablesScanned } = value;
  return typeof clean === 'boolean' && typeof identifiersChecked === 'number' && typeof tablesScanned === 'number'
    ? { clean, identifiersChecked, tablesScanned }
    : undefined;
}

function readStepRows({ table, action, rows }: Fields): StepRows | undefined {
  return typeof table === 'string' && typeof action === 'string' && typeof rows === 'number'
    ? { table, action, rows }
    : undefined;
}

function readOwnedRows({ table, recorded, gone, anonymised }: Fields): OwnedRows | undefined {
  return typeof table === 'string' &&
    typeof recorded === 'number' &&
    typeof gone === 'number' &&
    typeof anonymised === 'number'
    ? { table, recorded, gone, anonymised }
    : undefined;
}

function readRedacted({ table, column, values }: Fields): Redacted | undefined {
  return typeof table === 'string' && typeof column === 'string' && typeof values === 'number'
    ? { table, column, values }
    : undefined;
}

function readDismissed({ table, column, identifier, reason }: Fields): Dismissed | undefined {
  return typeof table === 'string' &&
    typeof column === 'string' &&
    typeof identifier === 'string' &&
    typeof reason === 'string'
    ? { table, column, identifier, reason }
    : undefined;
}

/** The certificate of a completed request, or null while there is none (or it has no verification scan). */
export function readCertificate(value: unknown): ErasureCertificate | null {
  if (!isRecord(value)) return null;
  const scan = readScan(value.scan);
  if (scan === undefined) return null;
  return {
    scan,
    filesDeleted: typeof value.filesDeleted === 'number' ? value.filesDeleted : 0,
    rows: listOf(value.rows, readStepRows),
    ownership: listOf(value.ownership, readOwnedRows),
    redacted: listOf(value.redacted, readRedacted),
    dismissed: listOf(value.dismissed, readDismissed),
  };
}
