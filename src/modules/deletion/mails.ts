// The mails of the deletion path, in the person's language: the receipt of the request (with its
// "This wasn't me" link), the hold, and the final mail once the account is erased. ("This wasn't
// me" itself answers with the password reset mail of the auth module.)
import { translator, type MailKey } from '../../i18n/index.ts';
import { formatDay } from '../../lib/dates.ts';
import type { Language } from '../../lib/languages.ts';
import { render } from '../mail/index.ts';

/** A reason staff may put a request on hold for; each has its wording in every language. */
export type HoldReason =
  MailKey<'mail-deletion'> extends infer K ? (K extends `holdReasons.${infer R}` ? R : never) : never;

export const deletionMails = {
  received: (language: Language, p: { reference: string; dueAt: Date; notMeUrl: string }) => {
    const t = translator(language, 'mail-deletion');
    return render(language, t('received.subject', { reference: p.reference }), [
      {
        kind: 'p',
        text: t('received.deactivated', { dueDay: formatDay(p.dueAt, language), reference: p.reference }),
      },
      { kind: 'p', text: t('received.signedOut') },
      { kind: 'p', text: t('received.notYou') },
      { kind: 'button', label: t('received.button'), url: p.notMeUrl },
      { kind: 'small', text: t('received.tracking') },
    ]);
  },
  deleted: (language: Language, p: { reference: string }) => {
    const t = translator(language, 'mail-deletion');
    return render(language, t('deleted.subject'), [
      { kind: 'p', text: t('deleted.deleted', { reference: p.reference }) },
      { kind: 'p', text: t('deleted.erased') },
      { kind: 'p', text: t('deleted.last') },
    ]);
  },
  onHold: (language: Language, p: { reference: string; reason: HoldReason }) => {
    const t = translator(language, 'mail-deletion');
    return render(language, t('onHold.subject', { reference: p.reference }), [
      { kind: 'p', text: t('onHold.held', { reference: p.reference, reason: t(`holdReasons.${p.reason}`) }) },
      { kind: 'p', text: t('onHold.meanwhile') },
    ]);
  },
};
