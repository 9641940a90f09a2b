// Token sign-in for native apps (decision 047): the sign-in route's checks, limits and answers, with
// the session's token in the body instead of a cookie. The token then works as
// `Authorization: Bearer <token>` wherever a session cookie does; DELETE ends it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  EmailSchema,
  MeSchema,
  NoBodySchema,
  PasswordSchema,
  errorResponses,
  noContentResponses,
  obj,
  type FromSchema,
  type RouteApp,
} from '../../schemas.ts';
import { AppError } from '../../errors.ts';
import { SESSION_MAX_AGE_SECONDS } from './better-auth.ts';
import { bearerTokenOf } from './bearer.ts';
import { issueBearerToken, type signInWithPassword } from './sign-in.ts';
import { requireUser } from './session.ts';

export type BearerRouteOptions = {
  consumeSignInLimits(request: FastifyRequest, email: string): Promise<unknown>;
  afterSignIn(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<void>;
  toMe(user: Awaited<ReturnType<typeof signInWithPassword>>): FromSchema<typeof MeSchema>;
};

const TokenAnswerSchema = obj({
  token: {
    type: 'string',
    description: 'Send it as `Authorization: Bearer <token>`. Shown once; Souk keeps only its hash.',
  },
  tokenType: { type: 'string', enum: ['Bearer'] },
  expiresIn: {
    type: 'integer',
    description: 'Seconds until the token ends if unused; each day of use moves its end forward.',
  },
  user: MeSchema,
});

export async function bearerRoutes(app: RouteApp, options: BearerRouteOptions): Promise<void> {
  app.post(
    '/api/auth/token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in without cookies (native apps): answers a bearer token, a session like any other.',
        description:
          'The same checks, rate limits and answers as /api/auth/sign-in: a wrong password and an unknown address both ' +
          'get INVALID_CREDENTIALS; an unverified address gets EMAIL_NOT_VERIFIED and a new verification mail. ' +
          'The token appears under Settings → Sessions and ends like a session: sign-out, DELETE /api/auth/token, ' +
          '30 days without use, a password reset, an account deletion.',
        body: obj({ email: EmailSchema, password: PasswordSchema }),
        response: { 201: TokenAnswerSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      await options.consumeSignInLimits(request, email);
      const { user, token } = await issueBearerToken(app.souk, request, email, request.body.password);
      await options.afterSignIn(request, reply, user.id);
      reply.code(201).header('cache-control', 'no-store');
      return { token, tokenType: 'Bearer' as const, expiresIn: SESSION_MAX_AGE_SECONDS, user: options.toMe(user) };
    },
  );

  app.delete(
    '/api/auth/token',
    {
      onRequest: requireUser,
      schema: {
        tags: ['auth'],
        summary: 'End the session of the bearer token this request carries.',
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      // A cookie session ends through /api/auth/sign-out, which also clears the cookie.
      if (bearerTokenOf(request) === null) throw new AppError('UNAUTHENTICATED');
      await app.souk.db.deleteFrom('sessions').where('id', '=', request.user.sessionId).execute();
      return reply.code(204).send();
    },
  );
}
