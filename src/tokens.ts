// Tokens and references shared by every module.
import { createHash, randomInt } from 'node:crypto';

/** How a secret token is stored: its SHA-256, never the token itself. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Random characters a person can read out or type: Crockford's base32 (no I, L, O or U). */
export function readableCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CROCKFORD[randomInt(32)];
  return code;
}
