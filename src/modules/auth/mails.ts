// What Better Auth asks us to send, written to the outbox and dispatched after the insert.
import type { AppContext } from '../../context.ts';
import { mailTemplates } from '../mail/index.ts';
import type { AuthHooks, AuthUser } from './better-auth.ts';

export function createAuthHooks(getContext: () => AppContext): AuthHooks {
  const send = async (user: AuthUser, mail: ReturnType<(typeof mailTemplates)[keyof typeof mailTemplates]>) => {
    const { db, mail: mailer } = getContext();
    const id = await mailer.enqueue(db, { to: user.email, userId: user.id, kind: 'account_security', mail });
    await mailer.dispatch([id]);
  };
  const url = (path: string) => `${getContext().config.publicUrl}${path}`;
  return {
    sendVerificationEmail: (user, token) =>
      send(
        user,
        mailTemplates.verifyEmail({
          displayName: user.name,
          url: url(`/verify-email?token=${encodeURIComponent(token)}`),
        }),
      ),
    sendResetPassword: (user, token) =>
      send(user, mailTemplates.resetPassword({ url: url(`/reset-password?token=${encodeURIComponent(token)}`) })),
    onExistingUserSignUp: (user) =>
      send(user, mailTemplates.signUpAttempt({ signInUrl: url('/sign-in'), resetUrl: url('/forgot-password') })),
  };
}
