// What Better Auth asks us to send, written to the outbox in the account's language and dispatched
// after the insert.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/types.ts';
import type { Language } from '../../lib/languages.ts';
import { mailTemplates, type RenderedMail } from '../mail/index.ts';
import type { AuthHooks, AuthUser } from './better-auth.ts';

/**
 * What the mails ask of the accounts module, which keeps the language and imports auth (so auth
 * cannot import it): app.ts passes these in.
 */
export type AuthMailSteps = {
  /** The language the account reads mail in (English when it chose none). */
  languageOf(db: Kysely<DB>, userId: string): Promise<Language>;
  /** Saves the language chosen at sign-up unless the account has one; returns the account's language. */
  keepLanguage(db: Kysely<DB>, userId: string, language: Language): Promise<Language>;
};

/**
 * The language the sign-up form was in, for the duration of that sign-up: Better Auth creates the
 * account and asks for the verification mail within the call, with no way to pass it through.
 */
export const signUpLanguage = new AsyncLocalStorage<Language>();

export function createAuthHooks(getContext: () => AppContext, steps: AuthMailSteps): AuthHooks {
  const send = async (user: AuthUser, mail: (language: Language) => RenderedMail, chosen?: Language) => {
    const { db, mail: mailer } = getContext();
    const id = await db.transaction().execute(async (trx) => {
      const language = chosen ? await steps.keepLanguage(trx, user.id, chosen) : await steps.languageOf(trx, user.id);
      return mailer.enqueue(trx, { to: user.email, userId: user.id, kind: 'account_security', mail: mail(language) });
    });
    await mailer.dispatch([id]);
  };
  const url = (path: string) => `${getContext().config.publicUrl}${path}`;
  return {
    sendVerificationEmail: (user, token) =>
      send(
        user,
        (language) =>
          mailTemplates.verifyEmail(language, {
            displayName: user.name,
            url: url(`/verify-email?token=${encodeURIComponent(token)}`),
          }),
        // Only a sign-up's: a sign-in of an unverified address sends it in the account's language.
        signUpLanguage.getStore(),
      ),
    sendResetPassword: (user, token) =>
      send(user, (language) =>
        mailTemplates.resetPassword(language, { url: url(`/reset-password?token=${encodeURIComponent(token)}`) }),
      ),
    // The account's own language, not the form's: whoever signed up with the address is not its owner.
    onExistingUserSignUp: (user) =>
      send(user, (language) =>
        mailTemplates.signUpAttempt(language, { signInUrl: url('/sign-in'), resetUrl: url('/forgot-password') }),
      ),
  };
}
