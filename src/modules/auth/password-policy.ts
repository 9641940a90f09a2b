// NIST SP 800-63B style: 8–128 characters, no composition rules, and not one of the
// 10,000 most common passwords of at least 8 characters (list shipped beside this file,
// taken from zxcvbn's frequency list, ranked).
import { readFileSync } from 'node:fs';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { AppError } from '../../errors.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean),
);

export function assertPasswordAcceptable(password: string, field = 'password'): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN)
    throw new AppError('PASSWORD_TOO_SHORT', { details: [{ field, message: 'Use at least 8 characters.' }] });
  if (length > PASSWORD_MAX)
    throw new AppError('PASSWORD_TOO_LONG', { details: [{ field, message: 'Use at most 128 characters.' }] });
  if (COMMON.has(password.toLowerCase())) {
    throw new AppError('PASSWORD_TOO_COMMON', {
      details: [{ field, message: 'This password is too common. Choose another one.' }],
    });
  }
}

// OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1.
export const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (password: string) => argon2Hash(password, ARGON2_OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * Domains reserved so that they never receive mail (RFC 2606, RFC 6761): an account there could never
 * be verified, and a changed address there could never be confirmed.
 */
const RESERVED_DOMAIN = /(^|\.)(invalid|localhost)\.?$/i;

/** Refuses an address whose domain cannot receive mail (EMAIL_UNDELIVERABLE). */
export function assertDeliverableAddress(email: string, field = 'email'): void {
  const domain = email.trim().slice(email.trim().lastIndexOf('@') + 1);
  if (RESERVED_DOMAIN.test(domain))
    throw new AppError('EMAIL_UNDELIVERABLE', { details: [{ field, message: 'reserved domain' }] });
}
