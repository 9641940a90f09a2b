// The returns module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { exportReturnsOf, openReturnsOf, returnsErasure } from './erasure.ts';
export { processDueRefunds, sendRefund, startRefund } from './refunds.ts';
export { returnRoutes } from './routes.ts';
export { escalateOverdueReturns, registerReturnJobs } from './jobs.ts';
// Souk support's side: the disputes queue and decisions; the /admin overview's pieces (deletion's admin side).
export { adminDisputeRoutes } from './admin-routes.ts';
export { failedRefundsSummary, openDisputesSummary } from './overview.ts';
// The seller dashboard's figure of returns waiting for the store, and refunds for its accounting export.
export { refundedOf, returnsWaitingOf, type ReturnsWaiting } from './dashboard.ts';
