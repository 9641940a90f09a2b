// The mail telling someone they have a new message. It never carries the message text nor the
// sender's name (decision 015): mail cannot be taken back, and the promise to a person who deletes
// their account is that their messages are gone, including from the other side's view.
import { render } from '../mail/index.ts';

export const MESSAGE_MAIL_THROTTLE_MINUTES = 15;

export type MessageMailSubject = { productTitle: string | null; orderNumber: string | null };

const about = (s: MessageMailSubject) =>
  s.orderNumber !== null
    ? ` about order ${s.orderNumber}`
    : s.productTitle !== null
      ? ` about “${s.productTitle}”`
      : '';

const footer = `For your privacy the message itself is only shown on Souk. You get at most one mail per conversation every ${MESSAGE_MAIL_THROTTLE_MINUTES} minutes; turn these mails off in Settings → Notifications (“Messages”).`;

export const messageMailTemplates = {
  toBuyer: (p: MessageMailSubject & { storeName: string; url: string }) =>
    // Subjects name no store: a delivered mail keeps only its subject, and a store name can be a person's.
    render('A seller sent you a message on Souk', [
      { kind: 'p', text: `${p.storeName} sent you a message${about(p)}.` },
      { kind: 'button', label: 'Read the message', url: p.url },
      { kind: 'small', text: footer },
    ]),
  toStore: (p: MessageMailSubject & { storeName: string; url: string }) =>
    render('A buyer sent your store a message on Souk', [
      { kind: 'p', text: `A buyer sent your store ${p.storeName} a message${about(p)}.` },
      { kind: 'button', label: 'Answer in the seller center', url: p.url },
      { kind: 'small', text: footer },
    ]),
};
