// Mails of customer support. The answer itself is not copied into the mail: it is read in the
// account, so no ticket text travels through mail servers.
import { render } from '../mail/index.ts';

export const supportMails = {
  staffReplied: (p: { reference: string; subject: string; url: string }) =>
    render(`Souk support answered your request ${p.reference}`, [
      { kind: 'p', text: `Souk support answered your request "${p.subject}" (${p.reference}).` },
      { kind: 'button', label: 'Read the answer', url: p.url },
      { kind: 'small', text: 'You can reply from the same page. Turn these mails off in Settings → Notifications.' },
    ]),
} as const;
