// Staff roles: "staff" (runs the marketplace: moderation, requests) and "support" (answers
// tickets). Granted only from the command line (scripts/admin.ts); there is no API to grant them.
import type { Kysely } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { DB, StaffRole } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { accountIdsWithEmail } from '../accounts/index.ts';
import { requireUser, requiresSession } from '../auth/index.ts';

export { STAFF_ROLES } from '../../db/types.ts';

export async function rolesOf(db: Kysely<DB>, userId: string): Promise<StaffRole[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role);
}

/** Grants a role to the account with this email; false when no active account has it. */
export async function grantRole(db: Kysely<DB>, email: string, role: StaffRole): Promise<boolean> {
  const user = await accountIdsWithEmail(db, email.trim().toLowerCase(), { activeOnly: true }).executeTakeFirst();
  if (!user) return false;
  await db
    .insertInto('user_roles')
    .values({ user_id: user.id, role })
    .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
    .execute();
  return true;
}

/** Takes a role away; false when the account did not have it. */
export async function revokeRole(db: Kysely<DB>, email: string, role: StaffRole): Promise<boolean> {
  const result = await db
    .deleteFrom('user_roles')
    .where('role', '=', role)
    .where('user_id', 'in', accountIdsWithEmail(db, email.trim().toLowerCase()))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireRole: the staff roles of the signed-in person. */
    staffRoles: StaffRole[];
  }
}

/**
 * Route hook for /api/admin: signed in (401) and holding one of `roles` (403 FORBIDDEN).
 * "staff" may do everything "support" may.
 */
export function requireRole(...roles: StaffRole[]) {
  const accepted = new Set<StaffRole>([...roles, 'staff']);
  return requiresSession(async (request: FastifyRequest, reply: Parameters<typeof requireUser>[1]): Promise<void> => {
    await requireUser(request, reply);
    const held = request.user.roles;
    if (!held.some((r) => accepted.has(r))) throw new AppError('FORBIDDEN');
    request.staffRoles = held;
  });
}
