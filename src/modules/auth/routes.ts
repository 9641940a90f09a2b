// Sign-up, verification, sign-in, sign-out and password reset. Answers never reveal whether an
// address has an account: sign-up and forgot-password reply the same for every address.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mergeGuestCartOf } from '../cart/service.ts';
import { AppError } from '../../errors.ts';
import { DisplayNameSchema, EmailSchema, MeSchema, NoBodySchema, PasswordSchema, TokenSchema, errorResponses } from '../../schemas.ts';
import { callAuth, requestHeaders } from './bridge.ts';
import { assertPasswordAcceptable } from './password-policy.ts';
import { resetPassword } from './password-reset.ts';
import { signInWithPassword } from './sign-in.ts';
import { verifyEmailAddress } from './verify-email.ts';
import { clearSessionCookie, readSessionToken } from './session.ts';
import { toMe } from '../accounts/me.ts';

const HOUR = 3600;
const body = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', additionalProperties: false, required, properties }) as const;
const accepted = { 202: body({ status: { type: 'string' } }, ['status']), ...errorResponses } as const;

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { rateLimiter } = app.souk;
  const ipKey = (request: FastifyRequest) => rateLimiter.keyPart(request.ip);

  app.post<{ Body: { email: string; password: string; displayName: string } }>('/api/auth/sign-up', {
    schema: {
      tags: ['auth'],
      summary: 'Create an account; a verification mail follows. Same answer for every address.',
      body: body({ email: EmailSchema, password: PasswordSchema, displayName: DisplayNameSchema }, ['email', 'password', 'displayName']),
      response: accepted,
    },
  }, async (request, reply) => {
    await rateLimiter.consume(`sign-up:ip:${ipKey(request)}`, { max: 10, windowSeconds: HOUR });
    const { email, password, displayName } = request.body;
    assertPasswordAcceptable(password);
    await callAuth(async () =>
      (await app.souk.auth()).api.signUpEmail({ body: { email: email.trim().toLowerCase(), password, name: displayName.trim() }, headers: requestHeaders(request) }),
    );
    return reply.code(202).send({ status: 'verification_sent' });
  });

  app.post<{ Body: { token: string } }>('/api/auth/verify-email', {
    schema: {
      tags: ['auth'],
      summary: 'Confirm an email address with the token from the verification mail; a used link gets EMAIL_ALREADY_VERIFIED.',
      body: body({ token: TokenSchema }, ['token']),
      response: { 200: body({ verified: { type: 'boolean' } }, ['verified']), ...errorResponses },
    },
  }, async (request) => {
    await rateLimiter.consume(`verify:ip:${ipKey(request)}`, { max: 30, windowSeconds: HOUR });
    await verifyEmailAddress(app.souk, request.body.token);
    return { verified: true };
  });

  app.post<{ Body: { email: string; password: string } }>('/api/auth/sign-in', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password; sets the session cookie.',
      body: body({ email: EmailSchema, password: PasswordSchema }, ['email', 'password']),
      response: { 200: body({ user: MeSchema }, ['user']), ...errorResponses },
    },
  }, async (request, reply) => {
    const email = request.body.email.trim().toLowerCase();
    await rateLimiter.consumeAll([
      [`sign-in:ip:${ipKey(request)}`, { max: 30, windowSeconds: 15 * 60 }],
      [`sign-in:email:${rateLimiter.keyPart(email)}`, { max: 10, windowSeconds: 15 * 60 }],
    ]);
    const user = await signInWithPassword(app.souk, request, reply, email, request.body.password);
    await mergeGuestCartOf(request, reply, user.id);
    return { user: toMe(user) };
  });

  app.post('/api/auth/sign-out', {
    schema: { tags: ['auth'], summary: 'End this session.', body: NoBodySchema, response: { 204: { type: 'null' }, ...errorResponses } },
  }, async (request, reply) => {
    const { config, db } = app.souk;
    const secure = config.secureCookies;
    const token = readSessionToken(request.cookies, secure, config.authSecret);
    if (token) await db.deleteFrom('sessions').where('token', '=', token).execute();
    clearSessionCookie(reply, secure);
    return reply.code(204).send();
  });

  app.post<{ Body: { email: string } }>('/api/auth/forgot-password', {
    schema: {
      tags: ['auth'],
      summary: 'Mail a single-use reset link (1 hour) if the address has an account. Same answer for every address.',
      body: body({ email: EmailSchema }, ['email']),
      response: accepted,
    },
  }, async (request, reply) => {
    const email = request.body.email.trim().toLowerCase();
    await rateLimiter.consumeAll([
      [`forgot:ip:${ipKey(request)}`, { max: 10, windowSeconds: HOUR }],
      [`forgot:email:${rateLimiter.keyPart(email)}`, { max: 3, windowSeconds: HOUR }],
    ]);
    await callAuth(async () => (await app.souk.auth()).api.requestPasswordReset({ body: { email }, headers: new Headers() }));
    return reply.code(202).send({ status: 'reset_link_sent_if_account_exists' });
  });

  app.post<{ Body: { token: string; password: string } }>('/api/auth/reset-password', {
    schema: {
      tags: ['auth'],
      summary: 'Set a new password with a reset token; ends every session of the account.',
      body: body({ token: TokenSchema, password: PasswordSchema }, ['token', 'password']),
      response: { 200: body({ status: { type: 'string' } }, ['status']), ...errorResponses },
    },
  }, async (request) => {
    await rateLimiter.consume(`reset:ip:${ipKey(request)}`, { max: 20, windowSeconds: HOUR });
    assertPasswordAcceptable(request.body.password);
    await resetPassword(app.souk, request, request.body.token, request.body.password);
    return { status: 'password_changed' };
  });
}
