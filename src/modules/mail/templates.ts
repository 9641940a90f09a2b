// Every mail Souk sends, as plain functions of their language and data. Text is escaped; links are
// absolute. The words are in src/i18n/locales/<language>/mail*.json (issue 20, decision 059).
import { escapeHtml } from '../../html.ts';
import { translator } from '../../i18n/index.ts';
import type { Language } from '../../lib/languages.ts';

export type RenderedMail = { subject: string; html: string; text: string };

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'small'; text: string };

export function render(language: Language, subject: string, blocks: Block[]): RenderedMail {
  const t = translator(language, 'mail');
  const orOpen = escapeHtml(t('layout.orOpen'));
  const html = blocks
    .map((b) => {
      if (b.kind === 'p') return `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(b.text)}</p>`;
      if (b.kind === 'small') return `<p style="margin:0 0 16px;color:#555;font-size:13px">${escapeHtml(b.text)}</p>`;
      const url = escapeHtml(b.url);
      return `<p style="margin:24px 0"><a href="${url}" style="background:#0b5cad;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(b.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#555">${orOpen} <a href="${url}">${url}</a></p>`;
    })
    .join('\n');
  const text = blocks.map((b) => (b.kind === 'button' ? `${b.label}: ${b.url}` : b.text)).join('\n\n');
  return {
    subject,
    html: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif;color:#1a1a1a;max-width:560px;margin:0 auto;padding:24px"><p style="font-weight:700;font-size:20px;margin:0 0 24px">Souk</p>${html}</body></html>`,
    text: `${text}\n\n${t('layout.signature')}`,
  };
}

export const mailTemplates = {
  verifyEmail: (language: Language, p: { displayName: string; url: string }) => {
    const t = translator(language, 'mail');
    return render(language, t('verifyEmail.subject'), [
      { kind: 'p', text: t('verifyEmail.hello', { displayName: p.displayName }) },
      { kind: 'p', text: t('verifyEmail.welcome') },
      { kind: 'button', label: t('verifyEmail.button'), url: p.url },
      { kind: 'small', text: t('verifyEmail.expiry') },
    ]);
  },
  signUpAttempt: (language: Language, p: { signInUrl: string; resetUrl: string }) => {
    const t = translator(language, 'mail');
    return render(language, t('signUpAttempt.subject'), [
      { kind: 'p', text: t('signUpAttempt.tried') },
      { kind: 'p', text: t('signUpAttempt.ifYou') },
      { kind: 'button', label: t('signUpAttempt.button'), url: p.signInUrl },
      { kind: 'small', text: t('signUpAttempt.forgot', { url: p.resetUrl }) },
      { kind: 'small', text: t('signUpAttempt.ifNotYou') },
    ]);
  },
  resetPassword: (language: Language, p: { url: string }) => {
    const t = translator(language, 'mail');
    return render(language, t('resetPassword.subject'), [
      { kind: 'p', text: t('resetPassword.received') },
      { kind: 'button', label: t('resetPassword.button'), url: p.url },
      { kind: 'small', text: t('resetPassword.expiry') },
    ]);
  },
  passwordChanged: (language: Language) => {
    const t = translator(language, 'mail');
    return render(language, t('passwordChanged.subject'), [
      { kind: 'p', text: t('passwordChanged.changed') },
      { kind: 'small', text: t('passwordChanged.ifNotYou') },
    ]);
  },
  confirmEmailChange: (language: Language, p: { url: string }) => {
    const t = translator(language, 'mail');
    return render(language, t('confirmEmailChange.subject'), [
      { kind: 'p', text: t('confirmEmailChange.confirm') },
      { kind: 'button', label: t('confirmEmailChange.button'), url: p.url },
      { kind: 'small', text: t('confirmEmailChange.expiry') },
    ]);
  },
  emailChangeRequested: (language: Language) => {
    const t = translator(language, 'mail');
    return render(language, t('emailChangeRequested.subject'), [
      { kind: 'p', text: t('emailChangeRequested.asked') },
      { kind: 'small', text: t('emailChangeRequested.ifNotYou') },
    ]);
  },
  emailInUse: (language: Language) => {
    const t = translator(language, 'mail');
    return render(language, t('emailInUse.subject'), [
      { kind: 'p', text: t('emailInUse.asked') },
      { kind: 'small', text: t('emailInUse.nothingToDo') },
    ]);
  },
} as const;
