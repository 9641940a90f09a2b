// Better Auth, configured for Souk: its tables are ours (snake_case, created by migration 001),
// reached through the app's Kysely instance; passwords are argon2id; tokens stored hashed.
// Souk calls its server API from its own Fastify routes (src/modules/auth/routes.ts), so every
// route has a schema, our error codes, our rate limits and our CSRF check.
// Better Auth is imported on first use (app.souk.auth()): it is the largest import of the app
// (≈ 0.3 s), and no request but sign-up, sign-in of an unverified address, verification and the
// reset request needs it (password sign-in, password change and using a reset link are Souk's own).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { hashPassword, verifyPassword, PASSWORD_MAX, PASSWORD_MIN } from './password-policy.ts';

export type AuthUser = { id: string; email: string; name: string };

export type AuthHooks = {
  sendVerificationEmail(user: AuthUser, token: string): Promise<void>;
  sendResetPassword(user: AuthUser, token: string): Promise<void>;
  onExistingUserSignUp(user: AuthUser): Promise<void>;
};

export const SESSION_COOKIE_PREFIX = 'souk';
export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;
/** A session in use has its expiry moved forward at most this often. */
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60 * 24;
/** The session cookie's attributes, wherever it is set or cleared (Better Auth and Souk alike). */
export const sessionCookieAttributes = (secure: boolean) =>
  ({ httpOnly: true, sameSite: 'lax', secure, path: '/' }) as const;

export async function createBetterAuth(options: {
  db: Kysely<DB>;
  secret: string;
  publicUrl: string;
  secureCookies: boolean;
  hooks: AuthHooks;
  log: (level: string, message: string) => void;
}) {
  const { hooks } = options;
  const { betterAuth } = await import('better-auth');
  const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;
  return betterAuth({
    appName: 'Souk',
    baseURL: options.publicUrl,
    basePath: '/api/auth',
    secret: options.secret,
    database: { db: options.db, type: 'postgres', transaction: false },
    logger: { level: 'warn', log: (level, message) => options.log(level, message) },
    telemetry: { enabled: false },
    user: {
      modelName: 'users',
      fields: { name: 'display_name', emailVerified: 'email_verified', ...timestamps },
      // Part of the user Better Auth loads (sign-up, verification, reset). Never client input.
      additionalFields: {
        status: { type: 'string', required: false, input: false },
        phone: { type: 'string', required: false, input: false },
        country: { type: 'string', required: false, input: false },
      },
    },
    session: {
      modelName: 'sessions',
      fields: {
        userId: 'user_id',
        expiresAt: 'expires_at',
        ipAddress: 'ip_address',
        userAgent: 'user_agent',
        ...timestamps,
      },
      expiresIn: SESSION_MAX_AGE_SECONDS,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
    },
    account: {
      modelName: 'accounts',
      fields: {
        userId: 'user_id',
        accountId: 'account_id',
        providerId: 'provider_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        ...timestamps,
      },
    },
    verification: {
      modelName: 'verifications',
      fields: { expiresAt: 'expires_at', ...timestamps },
      storeIdentifier: 'hashed',
    },
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: options.secureCookies,
      defaultCookieAttributes: sessionCookieAttributes(options.secureCookies),
      ipAddress: { disableIpTracking: true },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      resetPasswordTokenExpiresIn: 60 * 60,
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
      sendResetPassword: ({ user, token }) => hooks.sendResetPassword(user, token),
      onExistingUserSignUp: ({ user }) => hooks.onExistingUserSignUp(user),
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: false,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: ({ user, token }) => hooks.sendVerificationEmail(user, token),
    },
  });
}

export type BetterAuth = Awaited<ReturnType<typeof createBetterAuth>>;
