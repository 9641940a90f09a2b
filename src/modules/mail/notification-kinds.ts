// The kinds of email Souk sends, one switch each in Settings → Notifications.
// Required kinds cannot be turned off: the law or the account's safety needs them.
export const NOTIFICATION_KINDS = [
  {
    kind: 'account_security',
    label: 'Account and security',
    description: 'Verification, password and sign-in alerts. Always sent: they protect your account.',
    required: true,
    defaultEnabled: true,
  },
  {
    kind: 'order_receipts',
    label: 'Order receipts',
    description:
      'Confirmation and receipt when you place or cancel an order. Always sent: a receipt is a legal record.',
    required: true,
    defaultEnabled: true,
  },
  {
    kind: 'order_updates',
    label: 'Shipping updates',
    description: 'When an order is shipped or delivered, with its tracking number.',
    required: false,
    defaultEnabled: true,
  },
  {
    kind: 'messages',
    label: 'Messages',
    description: 'When a seller or buyer sends you a message.',
    required: false,
    defaultEnabled: true,
  },
  {
    kind: 'offers',
    label: 'Offers and news',
    description: 'Deals and news from Souk. Off unless you turn it on.',
    required: false,
    defaultEnabled: false,
  },
  // Not required: the answer can always be read in Account → Support, so the mail is a courtesy.
  // On by default: the person asked support a question and expects to hear back.
  {
    kind: 'support_replies',
    label: 'Support replies',
    description: 'When Souk support answers a request you opened. Answers are also in Account → Support.',
    required: false,
    defaultEnabled: true,
  },
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]['kind'];
export const NOTIFICATION_KIND_NAMES = NOTIFICATION_KINDS.map((k) => k.kind) as NotificationKind[];
