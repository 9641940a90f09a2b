// The mail module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { devMailboxRoutes, isLoopback } from './dev-mailbox-routes.ts';
export { dropUnsentOptionalMailOf, mailErasure } from './erasure.ts';
export { NOTIFICATION_KINDS, NOTIFICATION_KIND_NAMES } from './notification-kinds.ts';
export type { NotificationKind } from './notification-kinds.ts';
export { MAIL_SWEEP_QUEUE, createMailService, dispatchAfterCommit, dropDeliveredMail } from './service.ts';
export type { MailService } from './service.ts';
export { mailTemplates, render } from './templates.ts';
export type { Block, RenderedMail } from './templates.ts';
export { createDevMailboxTransport, createSmtpTransport } from './transport.ts';
export type { MailTransport } from './transport.ts';
// What other modules' erasure and clean-up need of the outbox: the accounts module's pending email changes (issue 16).
export { dropUnaddressedMailTo } from './erasure.ts';
export type { PendingNewEmailsOf } from './erasure.ts';
// The outbox's backlog, for GET /metrics (decision 041).
export { mailBacklogGauges } from './metrics.ts';
