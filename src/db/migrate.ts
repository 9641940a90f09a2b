import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.ts';

const MIGRATION_TABLE = 'schema_migrations';

/** One query: does the database record exactly the migrations this code ships? */
async function isAtLatest(db: Kysely<any>): Promise<boolean> {
  const names = Object.keys(migrations);
  try {
    const { rows } = await sql<{ known: number; total: number }>`
      select count(*) filter (where name in (${sql.join(names)}))::int as known, count(*)::int as total
      from ${sql.table(MIGRATION_TABLE)}`.execute(db);
    return rows[0]!.known === names.length && rows[0]!.total === names.length;
  } catch {
    return false; // a new database: no migration table yet
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Every start after the first finds the schema current: one query instead of the migrator's
  // lock table, introspection and per-migration checks.
  if (await isAtLatest(db)) return;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r: { status: string }) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
