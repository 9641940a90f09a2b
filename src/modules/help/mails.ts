// The answers of the email check. Neither carries tracking: no images, no per-recipient links
// or query strings, only the site's plain pages.
import { render } from '../mail/index.ts';

export const helpMails = {
  accountUsesAddress: (p: { deactivated: boolean; signInUrl: string; resetUrl: string }) =>
    p.deactivated
      ? render('A Souk account uses this address', [
          {
            kind: 'p',
            text: 'Someone asked whether this email address is still linked to a Souk account. It is: an account uses this address.',
          },
          {
            kind: 'p',
            text: 'The account is deactivated and waiting to be deleted. When the deletion is complete you will receive a last mail, and after that no account will use this address.',
          },
          { kind: 'small', text: 'If you did not ask, you can ignore this mail.' },
        ])
      : render('A Souk account uses this address', [
          {
            kind: 'p',
            text: 'Someone asked whether this email address is still linked to a Souk account. It is: an account uses this address.',
          },
          { kind: 'button', label: 'Sign in', url: p.signInUrl },
          { kind: 'small', text: `Forgot your password? ${p.resetUrl}` },
          { kind: 'small', text: 'If you did not ask, you can ignore this mail: nothing was changed.' },
        ]),
  noAccountUsesAddress: (p: { signUpUrl: string }) =>
    render('No Souk account uses this address', [
      {
        kind: 'p',
        text: 'Someone asked whether this email address is linked to a Souk account. No account uses this address.',
      },
      {
        kind: 'p',
        text: 'If you deleted your Souk account, this confirms that it is gone. You may create a new account with this address at any time.',
      },
      { kind: 'small', text: `Create an account: ${p.signUpUrl}` },
      { kind: 'small', text: 'If you did not ask, you can ignore this mail.' },
    ]),
} as const;
