// npm run admin -- grant-role <email> <staff|support>
// npm run admin -- revoke-role <email> <staff|support>
// npm run admin -- roles <email>
// Works on the configured database (PGlite in DATA_DIR, or DATABASE_URL), like the server.
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { DataDirInUseError } from '../src/db/data-dir-lock.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { StaffRole } from '../src/db/types.ts';
import { grantRole, revokeRole, rolesOf, STAFF_ROLES } from '../src/modules/roles/index.ts';

const USAGE = `Usage:
  npm run admin -- grant-role <email> <${STAFF_ROLES.join('|')}>
  npm run admin -- revoke-role <email> <${STAFF_ROLES.join('|')}>
  npm run admin -- roles <email>`;

const [command, email, role] = process.argv.slice(2);
const isRole = (value: string | undefined): value is StaffRole => STAFF_ROLES.includes(value as StaffRole);

if (
  !email ||
  !/^\S+@\S+$/.test(email) ||
  (command !== 'roles' && !isRole(role)) ||
  !['grant-role', 'revoke-role', 'roles'].includes(command ?? '')
) {
  console.error(USAGE);
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch(
  (error: unknown) => {
    // Another process (the server) holds the PGlite data directory: say what to do, not a stack.
    if (error instanceof DataDirInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  },
);
let code = 0;
try {
  await migrateToLatest(database.db);
  if (command === 'grant-role') {
    if (await grantRole(database.db, email, role as StaffRole)) console.log(`${email} now has the ${role} role.`);
    else {
      console.error(`No active account uses ${email}.`);
      code = 1;
    }
  } else if (command === 'revoke-role') {
    if (await revokeRole(database.db, email, role as StaffRole))
      console.log(`${email} no longer has the ${role} role.`);
    else {
      console.error(`${email} did not have the ${role} role.`);
      code = 1;
    }
  } else {
    const user = await database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    if (!user) {
      console.error(`No account uses ${email}.`);
      code = 1;
    } else {
      const roles = await rolesOf(database.db, user.id);
      console.log(roles.length > 0 ? roles.join(', ') : 'no staff roles');
    }
  }
} finally {
  await database.close();
}
process.exit(code);
