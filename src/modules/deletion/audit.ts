// The audit log (migration 014) belongs to this module, which erases it; other modules' staff
// actions write to it through here, in their own transaction (a dispute decided, in returns).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/** audit_log.detail holds at most 500 characters, subject 120 (checks in migration 014). */
const DETAIL_MAX = 500;
const SUBJECT_MAX = 120;

const clip = (text: string, max: number) => {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
};

export type AuditEntry = { actorUserId: string; action: string; subject: string; detail?: string | null };

/** Writes one audit line; the detail is clipped to what the column holds. */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject: clip(entry.subject, SUBJECT_MAX),
      detail: entry.detail == null ? null : clip(entry.detail, DETAIL_MAX),
    })
    .execute();
}
