// The signed-in person's own account: who am I, profile, password, email, sessions, notifications.
import { isCurrencyCode } from '../../lib/iso4217.ts';
import { isLanguage, LANGUAGES } from '../../lib/languages.ts';
import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import {
  CountrySchema,
  DisplayNameSchema,
  EmailSchema,
  MeSchema,
  NoBodySchema,
  PasswordSchema,
  PhoneSchema,
  TokenSchema,
  errorResponses,
  noContentResponses,
  obj,
  type RouteApp,
} from '../../schemas.ts';
import { assertPasswordAcceptable } from '../auth/index.ts';
import { requireUser } from '../auth/index.ts';
import { toMe } from './me.ts';
import { lockAccount } from './erasure.ts';
// From the database layer, not the roles module: roles reads accounts' rows, so accounts must not import it.
import { STAFF_ROLES } from '../../db/types.ts';
import { confirmEmailChange, dropEmailChanges, requestEmailChange } from './email-change.ts';
import { endOtherSessions, endSession, liveSessionsOf } from '../auth/index.ts';
import { changePassword } from '../auth/index.ts';
import { NOTIFICATION_KINDS, NOTIFICATION_KIND_NAMES, type NotificationKind } from '../mail/index.ts';

const MeWithRolesSchema = {
  ...MeSchema,
  required: [...MeSchema.required, 'roles'],
  properties: { ...MeSchema.properties, roles: { type: 'array', items: { type: 'string', enum: STAFF_ROLES } } },
} as const;

const PreferencesSchema = obj({
  preferences: {
    type: 'array',
    items: obj({
      kind: { type: 'string' },
      label: { type: 'string' },
      description: { type: 'string' },
      enabled: { type: 'boolean' },
      required: { type: 'boolean' },
    }),
  },
});

export async function accountRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  // onRequest: a request without a session gets its 401 before its body is even parsed.
  const auth = { onRequest: requireUser };

  // With the person's staff roles, so the web app knows whether to show the way to /admin.
  app.get(
    '/api/me',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'The signed-in account, with its staff roles.',
        response: { 200: MeWithRolesSchema, ...errorResponses },
      },
    },
    async (request) => ({ ...toMe(request.user), roles: request.user.roles }),
  );

  app.patch(
    '/api/account/profile',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'Change display name, phone or country.',
        body: {
          ...obj({ displayName: DisplayNameSchema, phone: PhoneSchema, country: CountrySchema }, []),
          minProperties: 1,
        },
        response: { 200: MeSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { displayName, phone, country } = request.body;
      const updated = await ctx.db
        .updateTable('users')
        .set({
          ...(displayName !== undefined ? { display_name: displayName.trim() } : {}),
          ...(phone !== undefined ? { phone: phone === null || phone.trim() === '' ? null : phone.trim() } : {}),
          ...(country !== undefined ? { country } : {}),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', request.user.id)
        .returning(['id', 'email', 'email_verified', 'display_name', 'phone', 'country', 'created_at'])
        .executeTakeFirstOrThrow();
      return toMe({
        id: updated.id,
        email: updated.email,
        emailVerified: updated.email_verified,
        displayName: updated.display_name,
        phone: updated.phone,
        country: updated.country,
        createdAt: updated.created_at,
      });
    },
  );

  app.post(
    '/api/account/password',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'Change the password (needs the current one).',
        body: obj(
          { currentPassword: PasswordSchema, newPassword: PasswordSchema, revokeOtherSessions: { type: 'boolean' } },
          ['currentPassword', 'newPassword'],
        ),
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await ctx.rateLimiter.consume(`password:user:${request.user.id}`, { max: 10, windowSeconds: 15 * 60 });
      const { currentPassword, newPassword, revokeOtherSessions = true } = request.body;
      assertPasswordAcceptable(newPassword, 'newPassword');
      await changePassword(
        ctx,
        request,
        reply,
        request.user,
        { currentPassword, newPassword, revokeOtherSessions },
        {
          lockAccount,
          afterChange: (trx, userId) => dropEmailChanges(trx, { userId }),
        },
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/account/email',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'Start an email change: a confirmation link goes to the new address.',
        body: obj({ newEmail: EmailSchema, currentPassword: PasswordSchema }),
        response: { 202: obj({ status: { type: 'string' } }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestEmailChange(ctx, request.user, request.body.newEmail, request.body.currentPassword);
      return reply.code(202).send({ status: 'confirmation_sent' });
    },
  );

  app.post(
    '/api/account/email/confirm',
    {
      schema: {
        tags: ['account'],
        summary: 'Confirm an email change with the token from the mail sent to the new address.',
        body: obj({ token: TokenSchema }),
        response: { 200: obj({ status: { type: 'string' } }), ...errorResponses },
      },
    },
    async (request) => {
      await ctx.rateLimiter.consume(`email-confirm:ip:${ctx.rateLimiter.keyPart(request.ip)}`, {
        max: 30,
        windowSeconds: 3600,
      });
      await confirmEmailChange(ctx, request.body.token);
      return { status: 'email_changed' };
    },
  );

  app.get(
    '/api/account/sessions',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'The devices signed in to this account.',
        response: {
          200: obj({
            sessions: {
              type: 'array',
              items: obj({
                id: { type: 'string' },
                current: { type: 'boolean' },
                kind: {
                  type: 'string',
                  enum: ['browser', 'app'],
                  description:
                    'app: signed in with a bearer token (POST /api/auth/token); browser: the session cookie.',
                },
                createdAt: { type: 'string', format: 'date-time' },
                lastSeenAt: { type: 'string', format: 'date-time' },
                userAgent: { type: ['string', 'null'] },
              }),
            },
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const rows = await liveSessionsOf(ctx.db, request.user.id);
      return {
        sessions: rows.map((s) => ({
          id: s.id,
          current: s.id === request.user.sessionId,
          kind: s.kind,
          createdAt: s.created_at.toISOString(),
          lastSeenAt: s.updated_at.toISOString(),
          userAgent: s.user_agent,
        })),
      };
    },
  );

  app.delete(
    '/api/account/sessions/:id',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'End one session.',
        params: obj({ id: { type: 'string', minLength: 1, maxLength: 100 } }),
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      if (!(await endSession(ctx.db, request.user.id, request.params.id))) throw new AppError('NOT_FOUND');
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/account/sessions/revoke-others',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'End every session but this one.',
        body: NoBodySchema,
        response: noContentResponses,
      },
    },
    async (request, reply) => {
      await endOtherSessions(ctx.db, request.user.id, request.user.sessionId);
      return reply.code(204).send();
    },
  );

  const readPreferences = async (userId: string) => {
    const rows = await ctx.db
      .selectFrom('notification_preferences')
      .select(['kind', 'enabled'])
      .where('user_id', '=', userId)
      .execute();
    const saved = new Map(rows.map((r) => [r.kind, r.enabled]));
    return {
      preferences: NOTIFICATION_KINDS.map((k) => ({
        kind: k.kind,
        label: k.label,
        description: k.description,
        required: k.required,
        enabled: k.required ? true : (saved.get(k.kind) ?? k.defaultEnabled),
      })),
    };
  };

  // The currency prices are shown in and the language pages and mails are written in (issue 20,
  // decisions 058 and 059): saved for the account so they follow the shopper to every device; a
  // guest's choices stay in their browser.
  const AccountPreferencesSchema = obj({
    displayCurrency: {
      type: ['string', 'null'],
      description: 'ISO 4217 code prices are shown in; null: chosen from the "Ship to" country.',
    },
    language: {
      type: ['string', 'null'],
      enum: [...LANGUAGES, null],
      description: 'Language of pages and mails; null: the browser’s language (mails in English).',
    },
  });
  const readAccountPreferences = async (userId: string) => {
    const row = await ctx.db
      .selectFrom('account_preferences')
      .select(['display_currency', 'language'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return {
      displayCurrency: row?.display_currency ?? null,
      language: isLanguage(row?.language) ? row.language : null,
    };
  };

  app.get(
    '/api/account/preferences',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'The account’s display preferences: the currency prices are shown in and the language.',
        response: { 200: AccountPreferencesSchema, ...errorResponses },
      },
    },
    async (request) => readAccountPreferences(request.user.id),
  );

  app.put(
    '/api/account/preferences',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary:
          'Save the currency prices are shown in (an ISO 4217 code, or null to follow the "Ship to" country) and/or the language (null to follow the browser). A field left out keeps its value.',
        body: {
          ...obj(
            {
              displayCurrency: { type: ['string', 'null'], pattern: '^[A-Z]{3}$' },
              language: { type: ['string', 'null'], enum: [...LANGUAGES, null] },
            },
            [],
          ),
          minProperties: 1,
        },
        response: { 200: AccountPreferencesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { displayCurrency, language } = request.body;
      if (displayCurrency != null && !isCurrencyCode(displayCurrency))
        throw new AppError('VALIDATION_FAILED', {
          details: [{ field: 'displayCurrency', message: 'not an ISO 4217 currency code' }],
        });
      const changes = {
        ...(displayCurrency !== undefined ? { display_currency: displayCurrency } : {}),
        ...(language !== undefined ? { language } : {}),
        updated_at: new Date(),
      };
      await ctx.db
        .insertInto('account_preferences')
        .values({ user_id: request.user.id, ...changes })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(changes))
        .execute();
      return readAccountPreferences(request.user.id);
    },
  );

  app.get(
    '/api/account/notifications',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'Email preferences, one switch per kind.',
        response: { 200: PreferencesSchema, ...errorResponses },
      },
    },
    async (request) => readPreferences(request.user.id),
  );

  app.put(
    '/api/account/notifications',
    {
      ...auth,
      schema: {
        tags: ['account'],
        summary: 'Save email preferences. Required kinds stay on.',
        body: obj({
          preferences: {
            type: 'object',
            additionalProperties: false,
            // fromEntries cannot say which keys it makes: these are exactly the kinds.
            properties: Object.fromEntries(NOTIFICATION_KIND_NAMES.map((k) => [k, { type: 'boolean' }])) as Record<
              NotificationKind,
              { readonly type: 'boolean' }
            >,
          },
        }),
        response: { 200: PreferencesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const changes = NOTIFICATION_KINDS.filter(
        (k) => !k.required && request.body.preferences[k.kind] !== undefined,
      ).map((k) => ({
        user_id: request.user.id,
        kind: k.kind,
        enabled: request.body.preferences[k.kind]!,
        updated_at: new Date(),
      }));
      if (changes.length > 0) {
        await ctx.db
          .insertInto('notification_preferences')
          .values(changes)
          .onConflict((oc) =>
            oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({
              enabled: eb.ref('excluded.enabled'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      return readPreferences(request.user.id);
    },
  );
}
