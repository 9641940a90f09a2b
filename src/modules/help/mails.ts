// The answers of the email check. Neither carries tracking: no images, no per-recipient links
// or query strings, only the site's plain pages.
import { translator } from '../../i18n/index.ts';
import type { Language } from '../../lib/languages.ts';
import { render } from '../mail/index.ts';

export const helpMails = {
  accountUsesAddress: (language: Language, p: { deactivated: boolean; signInUrl: string; resetUrl: string }) => {
    const t = translator(language, 'mail-help');
    return p.deactivated
      ? render(language, t('accountUsesAddress.subject'), [
          { kind: 'p', text: t('accountUsesAddress.asked') },
          { kind: 'p', text: t('accountUsesAddress.deactivated') },
          { kind: 'small', text: t('accountUsesAddress.ifNotAskedDeactivated') },
        ])
      : render(language, t('accountUsesAddress.subject'), [
          { kind: 'p', text: t('accountUsesAddress.asked') },
          { kind: 'button', label: t('accountUsesAddress.button'), url: p.signInUrl },
          { kind: 'small', text: t('accountUsesAddress.forgot', { url: p.resetUrl }) },
          { kind: 'small', text: t('accountUsesAddress.ifNotAsked') },
        ]);
  },
  noAccountUsesAddress: (language: Language, p: { signUpUrl: string }) => {
    const t = translator(language, 'mail-help');
    return render(language, t('noAccountUsesAddress.subject'), [
      { kind: 'p', text: t('noAccountUsesAddress.asked') },
      { kind: 'p', text: t('noAccountUsesAddress.ifDeleted') },
      { kind: 'small', text: t('noAccountUsesAddress.create', { url: p.signUpUrl }) },
      { kind: 'small', text: t('noAccountUsesAddress.ifNotAsked') },
    ]);
  },
} as const;
