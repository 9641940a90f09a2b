// The webhooks module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { webhooksErasure } from './erasure.ts';
export { createWebhookService, registerWebhookJobs } from './service.ts';
export type { WebhookDeliveryOptions, WebhookService } from './service.ts';
