// The events Souk sends to WEBHOOK_URL and what each carries. A payload holds opaque references
// only, never an email address, a name or a user id: the outbox that stores them is declared
// not personal (erasure.ts), and receivers are outside Souk's erasure. Adding an event means
// adding it here, where that rule is written.
export type WebhookEvents = {
  /** An account was erased (docs/privacy.md). The reference is the one the person was given. */
  'account.erased': { reference: string };
};

export type WebhookEventType = keyof WebhookEvents;

/** The JSON body POSTed for one event; `id` and `createdAt` stay the same on every retry. */
export type WebhookBody<E extends WebhookEventType = WebhookEventType> = {
  id: string;
  type: E;
  createdAt: string;
  data: WebhookEvents[E];
};
