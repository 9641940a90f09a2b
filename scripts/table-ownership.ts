// Which module's tables does each module's code touch? (issue 16, decision 039)
// A table belongs to the module whose erasure.ts declares its policy (every table has one: the
// registry check fails the build otherwise). A module reads or writes only its own tables; another
// module's data comes through that module's public surface (index.ts): a function taking the
// caller's `db` or transaction, or, where one statement per page matters, an SQL piece the owner
// writes (a subquery or join it exports), so the table's name and columns stay in one module.
//
//   node scripts/table-ownership.ts           lists every use of another module's table
//   node scripts/table-ownership.ts --check   fails on a use not in .table-ownership.json's
//                                             `known` list (uses still to be moved behind their
//                                             owner's surface), and on a listed use that is gone,
//                                             so the list only shrinks
//
// It reads the SQL in the code (Kysely's selectFrom/insertInto/updateTable/deleteFrom/joins and
// `from`/`join`/`into`/`update` in sql templates), comments left out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const MODULES = join(ROOT, 'src/modules');
const KNOWN_FILE = join(ROOT, '.table-ownership.json');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The module a file of src/modules belongs to (its first folder). */
const moduleOf = (path: string) => relative(MODULES, path).split('/')[0]!;

/** Comments blanked out, line breaks kept (so line numbers stay right). */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/[^\n]*/g, (c, before: string) => before + ' '.repeat(c.length - before.length));

/** table → owning module, from every erasure.ts (the pg-boss tables belong to src/jobs). */
function owners(): Map<string, string> {
  const owner = new Map<string, string>();
  const declare = (path: string, module: string) => {
    for (const [, table] of withoutComments(readFileSync(path, 'utf8')).matchAll(/\btable:\s*'([\w.]+)'/g)) if (!owner.has(table!)) owner.set(table!, module);
  };
  for (const path of filesUnder(MODULES).filter((p) => p.endsWith('/erasure.ts'))) declare(path, moduleOf(path));
  declare(join(ROOT, 'src/jobs/erasure.ts'), 'jobs');
  return owner;
}

export type Use = { file: string; line: number; table: string; owner: string };

const SQL = /(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([\w.]+)(?:\s+as\s+\w+)?'|\b(?:from|join|into|update)\s+([a-z_][\w.]*)\b/g;

export function foreignUses(): Use[] {
  const owner = owners();
  const uses: Use[] = [];
  for (const path of filesUnder(MODULES)) {
    const module = moduleOf(path);
    const text = withoutComments(readFileSync(path, 'utf8'));
    for (const match of text.matchAll(SQL)) {
      const table = match[1] ?? match[2]!;
      const by = owner.get(table);
      if (by === undefined || by === module) continue;
      uses.push({ file: relative(ROOT, path), line: text.slice(0, match.index).split('\n').length, table, owner: by });
    }
  }
  return uses;
}

const uses = foreignUses();
/** "file table" pairs: one entry however many times the file names the table. */
const pairs = [...new Set(uses.map((u) => `${u.file} ${u.table}`))].sort();
if (process.argv.includes('--check')) {
  const known = new Set((JSON.parse(readFileSync(KNOWN_FILE, 'utf8')) as { known: string[] }).known);
  const added = pairs.filter((p) => !known.has(p));
  const gone = [...known].filter((p) => !pairs.includes(p));
  for (const pair of added) {
    const [file, table] = pair.split(' ');
    const where = uses.filter((u) => u.file === file && u.table === table).map((u) => u.line).join(', ');
    console.error(`${file}:${where} uses ${table}, a table of the ${uses.find((u) => u.file === file && u.table === table)!.owner} module: go through that module's index.ts`);
  }
  for (const pair of gone) console.error(`.table-ownership.json lists "${pair}", which is no longer there: remove it`);
  if (added.length + gone.length > 0) process.exit(1);
  console.log(`table ownership: no new use of another module's tables (${known.size} known, listed in .table-ownership.json)`);
} else {
  for (const use of uses) console.log(`${use.file}:${use.line} ${use.table} (${use.owner})`);
}
