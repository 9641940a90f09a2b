// Sign-up, verification, sign-in, sign-out and password reset. Answers never reveal whether an
// address has an account: sign-up and forgot-password reply the same for every address.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import {
  DisplayNameSchema,
  EmailSchema,
  MeSchema,
  NoBodySchema,
  PasswordSchema,
  TokenSchema,
  errorResponses,
  noContentResponses,
  obj,
  type FromSchema,
  type RouteApp,
} from '../../schemas.ts';
import { callAuth, requestHeaders } from './bridge.ts';
import { assertDeliverableAddress, assertPasswordAcceptable } from './password-policy.ts';
import { ADDRESS_LIMITS } from './limits.ts';
import { resetPassword, type PasswordResetSteps } from './password-reset.ts';
import { signInWithPassword } from './sign-in.ts';
import { verifyEmailAddress, type EmailVerifiedOf } from './verify-email.ts';
import { clearSessionCookie, sessionTokenOf } from './session.ts';
import { bearerRoutes } from './bearer-routes.ts';
import { LANGUAGES } from '../../lib/languages.ts';
import { signUpLanguage } from './mails.ts';
import type { AfterPasswordChange } from './password-change.ts';

const HOUR = 3600;
const accepted = { 202: obj({ status: { type: 'string' } }), ...errorResponses } as const;

/** How long after its answer the work of a request that answers first begins. */
const AFTER_ANSWER_MS = 50;

/** Better Auth's answer when creating the user failed: of simultaneous sign-ups, the ones that lost. */
const lostCreateRace = (error: unknown): boolean =>
  error instanceof AppError &&
  (error.cause as { body?: { code?: string } } | undefined)?.body?.code === 'FAILED_TO_CREATE_USER';

/**
 * What other modules add to auth's routes, wired in app.ts (auth imports none of them): the cart
 * adopts a guest cart at sign-in, the accounts module shapes the signed-in person, ends a pending
 * email change when a reset sets a new password, and reads and locks the users rows it keeps.
 */
export type AuthRouteOptions = {
  afterSignIn(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<void>;
  toMe(user: Awaited<ReturnType<typeof signInWithPassword>>): FromSchema<typeof MeSchema>;
  afterPasswordReset: AfterPasswordChange;
  lockActiveAccount: PasswordResetSteps['lockActiveAccount'];
  emailVerifiedOf: EmailVerifiedOf;
};

export async function authRoutes(app: RouteApp, options: AuthRouteOptions): Promise<void> {
  const { rateLimiter } = app.souk;
  // Work that runs after its answer was sent; closing the app waits for it.
  const running = new Set<Promise<void>>();
  const afterAnswer = (request: FastifyRequest, failure: string, work: () => Promise<void>) => {
    // Started a moment after the answer has gone out whole (AFTER_ANSWER_MS): none of the work, not
    // even its first synchronous part, shares the event loop with sending it.
    const done = new Promise<void>((resolve) => setTimeout(resolve, AFTER_ANSWER_MS))
      .then(work)
      .catch((error: unknown) => request.log.error({ err: error }, failure))
      .finally(() => running.delete(done));
    running.add(done);
  };
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });
  const ipKey = (request: FastifyRequest) => rateLimiter.keyPart(request.ip);
  // Shared by the cookie sign-in and the token sign-in (bearer-routes.ts): one budget per address.
  const consumeSignInLimits = (request: FastifyRequest, email: string) =>
    rateLimiter.consumeAll([
      [`sign-in:ip:${ipKey(request)}`, ADDRESS_LIMITS.signIn],
      [`sign-in:email:${rateLimiter.keyPart(email)}`, { max: 10, windowSeconds: 15 * 60 }],
    ]);
  await bearerRoutes(app, { consumeSignInLimits, afterSignIn: options.afterSignIn, toMe: options.toMe });

  app.post(
    '/api/auth/sign-up',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account; a verification mail follows. Same answer for every address.',
        body: obj(
          {
            email: EmailSchema,
            password: PasswordSchema,
            displayName: DisplayNameSchema,
            language: {
              type: 'string',
              enum: [...LANGUAGES],
              description: 'The language the form was in: saved as the new account’s, mails are written in it.',
            },
          },
          ['email', 'password', 'displayName'],
        ),
        response: accepted,
      },
    },
    async (request, reply) => {
      const { email, password, displayName, language } = request.body;
      await rateLimiter.consumeAll([
        [`sign-up:ip:${ipKey(request)}`, ADDRESS_LIMITS.signUp],
        [`sign-up:email:${rateLimiter.keyPart(email)}`, { max: 5, windowSeconds: HOUR }],
      ]);
      assertPasswordAcceptable(password);
      assertDeliverableAddress(email);
      const signUpEmail = async () =>
        (await app.souk.auth()).api.signUpEmail({
          body: { email: email.trim().toLowerCase(), password, name: displayName.trim() },
          headers: requestHeaders(request),
        });
      const signUp = () => (language ? signUpLanguage.run(language, signUpEmail) : signUpEmail());
      try {
        await callAuth(signUp);
      } catch (error) {
        // Several sign-ups of one new address at once: one creates the account, the others lose the
        // race at its unique index. Asked again, they find the account and take the path of a sign-up
        // of an existing address, so every one of them gets the answer a single sign-up gets.
        if (!lostCreateRace(error)) throw error;
        await callAuth(signUp);
      }
      return reply.code(202).send({ status: 'verification_sent' });
    },
  );

  app.post(
    '/api/auth/verify-email',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Confirm an email address with the token from the verification mail; a used link gets EMAIL_ALREADY_VERIFIED.',
        body: obj({ token: TokenSchema }),
        response: { 200: obj({ verified: { type: 'boolean' } }), ...errorResponses },
      },
    },
    async (request) => {
      await rateLimiter.consume(`verify:ip:${ipKey(request)}`, { max: 30, windowSeconds: HOUR });
      await verifyEmailAddress(app.souk, request.body.token, options.emailVerifiedOf);
      return { verified: true };
    },
  );

  app.post(
    '/api/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie.',
        body: obj({ email: EmailSchema, password: PasswordSchema }),
        response: { 200: obj({ user: MeSchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      await consumeSignInLimits(request, email);
      const user = await signInWithPassword(app.souk, request, reply, email, request.body.password);
      await options.afterSignIn(request, reply, user.id);
      return { user: options.toMe(user) };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      schema: {
        tags: ['auth'],
        summary: "End this session (the cookie's, or the bearer token's).",
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      const { config, db } = app.souk;
      // The cookie's session, or the bearer token's (which then ends: an app signs out with it).
      const credential = sessionTokenOf(request);
      if (credential) await db.deleteFrom('sessions').where('token', '=', credential.token).execute();
      clearSessionCookie(reply, config.secureCookies);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/forgot-password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Mail a single-use reset link (1 hour) if the address has an account. Same answer for every address.',
        body: obj({ email: EmailSchema }),
        response: accepted,
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      await rateLimiter.consumeAll([
        [`forgot:ip:${ipKey(request)}`, ADDRESS_LIMITS.forgot],
        [`forgot:email:${rateLimiter.keyPart(email)}`, { max: 3, windowSeconds: HOUR }],
      ]);
      // The answer goes first, the same for every address after the same work (the limits above);
      // whether the address has an account changes only what runs after it: a token and a mail.
      await reply.code(202).send({ status: 'reset_link_sent_if_account_exists' });
      afterAnswer(request, 'could not start a password reset', async () => {
        await callAuth(async () =>
          (await app.souk.auth()).api.requestPasswordReset({ body: { email }, headers: new Headers() }),
        );
      });
      return reply;
    },
  );

  app.post(
    '/api/auth/reset-password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a reset token; ends every session of the account.',
        body: obj({ token: TokenSchema, password: PasswordSchema }),
        response: { 200: obj({ status: { type: 'string' } }), ...errorResponses },
      },
    },
    async (request) => {
      await rateLimiter.consume(`reset:ip:${ipKey(request)}`, { max: 20, windowSeconds: HOUR });
      assertPasswordAcceptable(request.body.password);
      await resetPassword(app.souk, request, request.body.token, request.body.password, {
        lockActiveAccount: options.lockActiveAccount,
        afterReset: options.afterPasswordReset,
      });
      return { status: 'password_changed' };
    },
  );
}
