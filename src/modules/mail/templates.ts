// Every mail Souk sends, as plain functions of their data. Text is escaped; links are absolute.
import { escapeHtml } from '../../html.ts';

export type RenderedMail = { subject: string; html: string; text: string };

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'small'; text: string };

export function render(subject: string, blocks: Block[]): RenderedMail {
  const html = blocks
    .map((b) => {
      if (b.kind === 'p') return `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(b.text)}</p>`;
      if (b.kind === 'small') return `<p style="margin:0 0 16px;color:#555;font-size:13px">${escapeHtml(b.text)}</p>`;
      const url = escapeHtml(b.url);
      return `<p style="margin:24px 0"><a href="${url}" style="background:#0b5cad;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(b.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#555">Or open this link: <a href="${url}">${url}</a></p>`;
    })
    .join('\n');
  const text = blocks.map((b) => (b.kind === 'button' ? `${b.label}: ${b.url}` : b.text)).join('\n\n');
  return {
    subject,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif;color:#1a1a1a;max-width:560px;margin:0 auto;padding:24px"><p style="font-weight:700;font-size:20px;margin:0 0 24px">Souk</p>${html}</body></html>`,
    text: `${text}\n\n— Souk`,
  };
}

export const mailTemplates = {
  verifyEmail: (p: { displayName: string; url: string }) =>
    render('Verify your email address', [
      { kind: 'p', text: `Hello ${p.displayName},` },
      { kind: 'p', text: 'Welcome to Souk. Confirm that this is your email address to finish creating your account.' },
      { kind: 'button', label: 'Verify my email', url: p.url },
      { kind: 'small', text: 'The link works for 24 hours. If you did not create an account, ignore this mail.' },
    ]),
  signUpAttempt: (p: { signInUrl: string; resetUrl: string }) =>
    render('Someone tried to create a Souk account with your address', [
      {
        kind: 'p',
        text: 'Someone tried to create a new Souk account with this email address. It already belongs to your account, so nothing was created.',
      },
      { kind: 'p', text: 'If it was you, sign in instead, or reset your password if you forgot it.' },
      { kind: 'button', label: 'Sign in', url: p.signInUrl },
      { kind: 'small', text: `Forgot your password? ${p.resetUrl}` },
      { kind: 'small', text: 'If it was not you, you can ignore this mail: your account is unchanged.' },
    ]),
  resetPassword: (p: { url: string }) =>
    render('Reset your Souk password', [
      { kind: 'p', text: 'We received a request to reset the password of your Souk account.' },
      { kind: 'button', label: 'Choose a new password', url: p.url },
      {
        kind: 'small',
        text: 'The link works once, for one hour. Setting a new password signs out every device. If you did not ask for this, ignore this mail.',
      },
    ]),
  passwordChanged: () =>
    render('Your Souk password was changed', [
      { kind: 'p', text: 'The password of your Souk account was just changed.' },
      {
        kind: 'small',
        text: 'If this was not you, reset your password at once from the sign-in page and contact support.',
      },
    ]),
  confirmEmailChange: (p: { url: string }) =>
    render('Confirm your new email address', [
      { kind: 'p', text: 'Confirm that you want to use this address for your Souk account.' },
      { kind: 'button', label: 'Confirm new email', url: p.url },
      { kind: 'small', text: 'The link works once, for one hour. If you did not ask for this, ignore this mail.' },
    ]),
  emailChangeRequested: () =>
    render('Your Souk email address is being changed', [
      {
        kind: 'p',
        text: 'Someone signed in to your Souk account asked to move it to a new email address. The change happens only once the new address is confirmed.',
      },
      { kind: 'small', text: 'If this was not you, change your password now: it ends every other session.' },
    ]),
  emailInUse: () =>
    render('Someone tried to move a Souk account to your address', [
      {
        kind: 'p',
        text: 'Someone asked to use this email address for another Souk account. It already belongs to your account, so nothing changed.',
      },
      { kind: 'small', text: 'You do not need to do anything.' },
    ]),
} as const;
