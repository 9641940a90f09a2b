// The person's deletion path through the JSON API (mobile apps must offer in-app deletion too):
// what will happen, the request, "This wasn't me", and the data export.
import {
  EmailSchema,
  errorResponses,
  nullable,
  obj,
  PasswordSchema,
  TokenSchema,
  type RouteApp,
} from '../../schemas.ts';
import { clearSessionCookie, requireUser } from '../auth/index.ts';
import {
  BLOCKER_CODES,
  BLOCKER_KINDS,
  cancelDeletion,
  deletionPreview,
  LEAVING_REASONS,
  requestDeletion,
} from './service.ts';
import { exportAccountData } from './export.ts';

const str = { type: 'string' } as const;

const PreviewSchema = obj({
  email: str,
  erased: obj({
    posts: obj({
      reviews: { type: 'integer' },
      questions: { type: 'integer' },
      answers: { type: 'integer' },
      photos: { type: 'integer' },
    }),
    messages: { type: 'integer' },
    savedCards: { type: 'integer' },
    addresses: { type: 'integer' },
    store: nullable(obj({ name: str })),
  }),
  keptOrders: {
    type: 'array',
    items: obj({
      id: str,
      number: str,
      status: str,
      placedAt: { type: 'string', format: 'date-time' },
      storeName: str,
      trackingNumber: { type: ['string', 'null'] },
    }),
  },
  retentionYears: { type: 'integer' },
  dueDays: { type: 'integer' },
  blockers: {
    type: 'array',
    items: obj({
      kind: { type: 'string', enum: BLOCKER_KINDS },
      code: { type: 'string', enum: BLOCKER_CODES, description: 'Which sentence label and howToClear are.' },
      // The label's variable parts, for a client that words the code itself.
      params: obj({ number: str, reference: str, subject: str }, []),
      id: str,
      label: str,
      howToClear: str,
      url: str,
    }),
  },
  passwordRequired: { type: 'boolean', description: 'False when the session is younger than 10 minutes.' },
  reasons: { type: 'array', items: obj({ value: str, label: str }) },
});

/** A deletion request: the reason and comment are optional, anonymous feedback. */
export const DeletionRequestBody = obj(
  {
    password: PasswordSchema,
    confirmEmail: { type: 'string', minLength: 1, maxLength: EmailSchema.maxLength },
    reason: { type: 'string', enum: LEAVING_REASONS.map((r) => r.value) },
    comment: { type: 'string', maxLength: 2000 },
  },
  ['confirmEmail'],
);

export async function deletionRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;

  app.get(
    '/api/account/deletion',
    {
      onRequest: requireUser,
      schema: {
        tags: ['account'],
        summary: 'What deleting this account will erase and keep, and what blocks it now.',
        response: { 200: PreviewSchema, ...errorResponses },
      },
    },
    (request) => deletionPreview(ctx, request.user),
  );

  app.post(
    '/api/account/deletion',
    {
      onRequest: requireUser,
      schema: {
        tags: ['account'],
        summary: 'Deactivate this account now and request its deletion.',
        description:
          'Signs out every session at once. The password is required unless the session is younger than 10 minutes. ' +
          'The reason and comment are stored apart from any identity, as anonymous feedback.',
        body: DeletionRequestBody,
        response: { 202: obj({ reference: str, dueAt: { type: 'string', format: 'date-time' } }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await ctx.rateLimiter.consume(`deletion:user:${request.user.id}`, { max: 10, windowSeconds: 15 * 60 });
      const { reference, dueAt } = await requestDeletion(ctx, request.user, request.body);
      const secure = ctx.config.secureCookies;
      clearSessionCookie(reply, secure);
      reply.code(202);
      return { reference, dueAt: dueAt.toISOString() };
    },
  );

  app.post(
    '/api/account/deletion/cancel',
    {
      schema: {
        tags: ['account'],
        summary:
          '"This wasn\'t me": stop a pending deletion with the link from the receipt mail; a password reset link follows by mail.',
        body: obj({ token: TokenSchema }),
        response: { 200: obj({ cancelled: { type: 'boolean' } }), ...errorResponses },
      },
    },
    async (request) => {
      await ctx.rateLimiter.consume(`deletion-cancel:ip:${ctx.rateLimiter.keyPart(request.ip)}`, {
        max: 20,
        windowSeconds: 3600,
      });
      await cancelDeletion(ctx, request.body.token);
      return { cancelled: true };
    },
  );

  app.get(
    '/api/account/export',
    {
      onRequest: requireUser,
      schema: {
        tags: ['account'],
        summary: 'Everything Souk holds about you, as JSON (a download).',
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await ctx.rateLimiter.consume(`export:user:${request.user.id}`, { max: 10, windowSeconds: 3600 });
      const data = await exportAccountData(ctx, request.user.id);
      reply.header(
        'content-disposition',
        `attachment; filename="souk-data-${new Date().toISOString().slice(0, 10)}.json"`,
      );
      reply.header('cache-control', 'no-store');
      return data;
    },
  );
}
