// Uploaded files kept in Souk's own database (STORAGE=database, decision 043): web processes and
// workers on several machines share them through PostgreSQL alone, and a database backup holds them.
import { sql, type Expression, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { asBuffer, checkKey, type FileStorage } from '../../storage.ts';

export function createDatabaseStorage(db: Kysely<DB>): FileStorage {
  return {
    async put(key, data) {
      await db
        .insertInto('stored_files')
        .values({ key: checkKey(key), data })
        .onConflict((oc) => oc.column('key').doUpdateSet({ data }))
        .execute();
    },
    async get(key) {
      const row = await db
        .selectFrom('stored_files')
        .select('data')
        .where('key', '=', checkKey(key))
        .executeTakeFirst();
      return row ? asBuffer(row.data) : null;
    },
    async delete(key) {
      await db.deleteFrom('stored_files').where('key', '=', checkKey(key)).execute();
    },
    bytesOf: (key: Expression<string>) =>
      sql<Uint8Array | null>`(select f.data from stored_files f where f.key = ${key})`,
  };
}
