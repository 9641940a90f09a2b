// Compares the live database with the erasure registry: which tables point at users, or have
// columns whose names mark personal data, without a policy that covers them.
import { sql, type Kysely } from 'kysely';
import { coveredColumns, PERSONAL_COLUMN, type ErasurePolicy } from './policy.ts';
import { MAX_KEY_COLUMNS } from './ownership.ts';

export type RegistryProblem = {
  table: string;
  column: string;
  why: 'personal column' | 'references users' | 'unknown table' | 'unknown column' | 'no primary key';
};
// 'no primary key': none, or one of more than MAX_KEY_COLUMNS columns.

export async function findErasureGaps(db: Kysely<any>, registry: ErasurePolicy[]): Promise<RegistryProblem[]> {
  // Partitions are covered by their parent table's policy.
  const parents = await sql<{ child: string; parent: string }>`
    select c.relnamespace::regnamespace::text || '.' || c.relname as child,
           p.relnamespace::regnamespace::text || '.' || p.relname as parent
    from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent`.execute(db);
  const parentOf = new Map(parents.rows.map((r) => [r.child, r.parent]));
  const qualified = (schema: string, table: string) => {
    const name = parentOf.get(`${schema}.${table}`) ?? `${schema}.${table}`;
    return name.startsWith('public.') ? name.slice('public.'.length) : name;
  };
  const columns = await sql<{ table_schema: string; table_name: string; column_name: string }>`
    select table_schema, table_name, column_name from information_schema.columns
    where table_schema in ('public', 'pgboss')`.execute(db);
  const foreignKeys = await sql<{ table_schema: string; table_name: string; column_name: string }>`
    select c.relnamespace::regnamespace::text as table_schema, c.relname as table_name, a.attname as column_name
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
    where k.contype = 'f' and k.confrelid = 'public.users'::regclass`.execute(db);

  const byTable = new Map<string, ErasurePolicy[]>();
  for (const p of registry) byTable.set(p.table, [...(byTable.get(p.table) ?? []), p]);
  const covers = (table: string, column: string, personalOnly: boolean) =>
    (byTable.get(table) ?? []).some((p) => {
      if (personalOnly && p.action === 'not_personal') return false;
      const covered = coveredColumns(p);
      return covered === '*' || covered.has(column);
    });

  const problems = new Map<string, RegistryProblem>();
  const add = (p: RegistryProblem) => problems.set(`${p.table}.${p.column}:${p.why}`, p);
  for (const c of columns.rows) {
    if (!PERSONAL_COLUMN.test(c.column_name)) continue;
    const table = qualified(c.table_schema, c.table_name);
    if (!covers(table, c.column_name, false)) add({ table, column: c.column_name, why: 'personal column' });
  }
  for (const fk of foreignKeys.rows) {
    const table = qualified(fk.table_schema, fk.table_name);
    if (!covers(table, fk.column_name, true)) add({ table, column: fk.column_name, why: 'references users' });
  }
  const existing = new Map<string, Set<string>>();
  for (const c of columns.rows) {
    const table = qualified(c.table_schema, c.table_name);
    existing.set(table, (existing.get(table) ?? new Set()).add(c.column_name));
  }
  for (const p of registry) {
    const cols = existing.get(p.table);
    if (!cols) {
      add({ table: p.table, column: '*', why: 'unknown table' });
      continue;
    }
    const named =
      p.action === 'retain' || p.action === 'not_personal'
        ? p.columns
        : [
            ...p.match.flatMap((m) => ('column' in m ? [m.column] : [])),
            ...(p.action === 'anonymise' ? Object.keys(p.set) : []),
          ];
    for (const column of [...named, ...(p.quotes ?? [])])
      if (!cols.has(column)) add({ table: p.table, column, why: 'unknown column' });
  }
  // The ownership record keeps the person's rows by a primary key of one or two columns (decision 031).
  const keyed = await sql<{ name: string }>`
    select n.nspname || '.' || c.relname as name from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
    where i.indisprimary and i.indnkeyatts <= ${MAX_KEY_COLUMNS} and n.nspname in ('public', 'pgboss')`.execute(db);
  const withKey = new Set(
    keyed.rows.map((r) => (r.name.startsWith('public.') ? r.name.slice('public.'.length) : r.name)),
  );
  for (const p of registry) {
    if ((p.action === 'delete' || p.action === 'anonymise') && existing.has(p.table) && !withKey.has(p.table))
      add({ table: p.table, column: '*', why: 'no primary key' });
  }
  return [...problems.values()].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}
