// Tokens and references shared by every module.
import { createHash, randomInt } from 'node:crypto';

/** How a secret token is stored: its SHA-256, never the token itself. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` characters drawn uniformly, each on its own, from `alphabet` (crypto random). */
export function randomString(alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** Random characters a person can read out or type: Crockford's base32 (no I, L, O or U). */
export const readableCode = (length: number): string => randomString(CROCKFORD, length);
