// The help area's "Is my email still linked to an account?" check. The HTTP answer is the same
// for every address; the real answer goes by mail to that address only, so only its owner learns
// it. Someone who deleted their account uses it to see that the account is gone.
import { DEFAULT_LANGUAGE } from '../../lib/languages.ts';
import { accountWithEmail } from '../accounts/index.ts';
import { EmailSchema, errorResponses, obj, type RouteApp } from '../../schemas.ts';

import { helpMails } from './mails.ts';

const HOUR = 3600;

export async function helpRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;

  app.post(
    '/api/help/email-check',
    {
      schema: {
        tags: ['help'],
        summary: 'Mail this address whether an account uses it. Always 202 with the same body, whatever the address.',
        body: obj({ email: EmailSchema }),
        response: { 202: obj({ status: { type: 'string', enum: ['sent_if_deliverable'] } }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      await ctx.rateLimiter.consume(`email-check:ip:${ctx.rateLimiter.keyPart(request.ip)}`, {
        max: 10,
        windowSeconds: HOUR,
      });
      await ctx.rateLimiter.consume(`email-check:email:${ctx.rateLimiter.keyPart(email)}`, {
        max: 3,
        windowSeconds: HOUR,
      });
      // Any status counts: a deactivated account still uses the address until it is erased (issue 5).
      const user = await accountWithEmail(ctx.db, email);
      const publicUrl = ctx.config.publicUrl;
      // In the account's language; with no account, in English (the request carries no language).
      const mail = !user
        ? helpMails.noAccountUsesAddress(DEFAULT_LANGUAGE, { signUpUrl: `${publicUrl}/sign-up` })
        : helpMails.accountUsesAddress(user.language, {
            deactivated: user.status !== 'active',
            signInUrl: `${publicUrl}/sign-in`,
            resetUrl: `${publicUrl}/forgot-password`,
          });
      // userId null on both paths: the answer is addressed to the address, not to an account, and
      // must reach it whatever the account's notification preferences (or lack of an account).
      const id = await ctx.mail.enqueue(ctx.db, { to: email, userId: null, kind: 'account_security', mail });
      await ctx.mail.dispatch([id]);
      return reply.code(202).send({ status: 'sent_if_deliverable' });
    },
  );
}
