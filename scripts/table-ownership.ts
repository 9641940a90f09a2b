// Which module's tables does each module's code touch? (issue 16, decision 039)
// A table belongs to the module whose erasure.ts declares its policy (every table has one: the
// registry check fails the build otherwise). A module reads or writes only its own tables; another
// module's data comes through that module's public surface (index.ts): a function taking the
// caller's `db` or transaction, or, where one statement per page matters, an SQL piece the owner
// writes (a subquery or join it exports), so the table's name and columns stay in one module.
//
//   node scripts/table-ownership.ts           lists every use of another module's table
//   node scripts/table-ownership.ts --check   fails when there is one (npm run lint)
//
// It reads the SQL in the code (Kysely's selectFrom/insertInto/updateTable/deleteFrom/joins and
// `from`/`join`/`into`/`update` in sql templates), comments left out.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const MODULES = join(ROOT, 'src/modules');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(dir, name));

/** The module a file of src/modules belongs to (its first folder). */
const moduleOf = (path: string) => relative(MODULES, path).split('/')[0]!;

/** Comments blanked out, line breaks kept (so line numbers stay right). */
const withoutComments = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/[^\n]*/g, (c, before: string) => before + ' '.repeat(c.length - before.length));

/** table → owning module, from every erasure.ts (the pg-boss tables belong to src/jobs). */
function owners(): Map<string, string> {
  const owner = new Map<string, string>();
  const declare = (path: string, module: string) => {
    for (const [, table] of withoutComments(readFileSync(path, 'utf8')).matchAll(/\btable:\s*'([\w.]+)'/g))
      if (!owner.has(table!)) owner.set(table!, module);
  };
  for (const path of filesUnder(MODULES).filter((p) => p.endsWith('/erasure.ts'))) declare(path, moduleOf(path));
  declare(join(ROOT, 'src/jobs/erasure.ts'), 'jobs');
  return owner;
}

export type Use = { file: string; line: number; table: string; owner: string };

const SQL =
  /(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([\w.]+)(?:\s+as\s+\w+)?'|\b(?:from|join|into|update)\s+([a-z_][\w.]*)\b/g;

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
const check = process.argv.includes('--check');
for (const use of uses) {
  const line = `${use.file}:${use.line} uses ${use.table}, a table of the ${use.owner} module`;
  if (check) console.error(`${line}: go through that module's index.ts`);
  else console.log(line);
}
if (check) {
  if (uses.length > 0) process.exit(1);
  console.log('table ownership: every module touches only its own tables');
}
