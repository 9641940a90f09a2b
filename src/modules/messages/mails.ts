// The mail telling someone they have a new message. It never carries the message text nor the
// sender's name (decision 015): mail cannot be taken back, and the promise to a person who deletes
// their account is that their messages are gone, including from the other side's view.
import { translator, type Translate } from '../../i18n/index.ts';
import type { Language } from '../../lib/languages.ts';
import { render } from '../mail/index.ts';

export const MESSAGE_MAIL_THROTTLE_MINUTES = 15;

export type MessageMailSubject = { productTitle: string | null; orderNumber: string | null };

type Side = 'toBuyer' | 'toStore';

/** "… sent you a message", about the order or the product when the conversation is about one. */
function sentLine(t: Translate<'mail-messages'>, side: Side, p: MessageMailSubject & { storeName: string }): string {
  if (p.orderNumber !== null)
    return t(`${side}.sentAboutOrder`, { storeName: p.storeName, orderNumber: p.orderNumber });
  if (p.productTitle !== null)
    return t(`${side}.sentAboutProduct`, { storeName: p.storeName, productTitle: p.productTitle });
  return t(`${side}.sent`, { storeName: p.storeName });
}

function messageMail(language: Language, side: Side, p: MessageMailSubject & { storeName: string; url: string }) {
  const t = translator(language, 'mail-messages');
  // Subjects name no store: a delivered mail keeps only its subject, and a store name can be a person's.
  return render(language, t(`${side}.subject`), [
    { kind: 'p', text: sentLine(t, side, p) },
    { kind: 'button', label: t(`${side}.button`), url: p.url },
    { kind: 'small', text: t('footer', { count: MESSAGE_MAIL_THROTTLE_MINUTES }) },
  ]);
}

export const messageMailTemplates = {
  toBuyer: (language: Language, p: MessageMailSubject & { storeName: string; url: string }) =>
    messageMail(language, 'toBuyer', p),
  toStore: (language: Language, p: MessageMailSubject & { storeName: string; url: string }) =>
    messageMail(language, 'toStore', p),
};
