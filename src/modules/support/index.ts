// The support module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { adminSupportRoutes } from './admin-routes.ts';
export { exportSupportTicketsOf, supportErasure, ticketOfMessage } from './erasure.ts';
export { supportRoutes } from './routes.ts';
export { blockingTicketsOf } from './service.ts';
export { openTicketsSummary, type QueueSummary } from './overview.ts';
