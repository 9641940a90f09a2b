// Mails of customer support. The answer itself is not copied into the mail: it is read in the
// account, so no ticket text travels through mail servers.
import { translator } from '../../i18n/index.ts';
import type { Language } from '../../lib/languages.ts';
import { render } from '../mail/index.ts';

export const supportMails = {
  staffReplied: (language: Language, p: { reference: string; subject: string; url: string }) => {
    const t = translator(language, 'mail-support');
    return render(language, t('staffReplied.subject', { reference: p.reference }), [
      { kind: 'p', text: t('staffReplied.answered', { subject: p.subject, reference: p.reference }) },
      { kind: 'button', label: t('staffReplied.button'), url: p.url },
      { kind: 'small', text: t('staffReplied.reply') },
    ]);
  },
} as const;
