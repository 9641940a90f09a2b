// The deletion module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { adminDeletionRoutes } from './admin-routes.ts';
export { adminOverviewRoutes } from './admin-overview.ts';
export { recordAudit, type AuditEntry } from './audit.ts';
export { dropOwnershipRecords, processDeletion, registerDeletionJobs } from './process.ts';
export { LedgerKeyError, reapplyErasures } from './reapply.ts';
export { erasureRegistry } from './registry.ts';
export { deletionRoutes } from './routes.ts';
// What the web words in each language: the blockers' sentences by code, and why people leave.
export { BLOCKER_CODES, LEAVING_REASONS } from './service.ts';
export { HOLD_REASONS } from './admin-routes.ts';
// The drain hands back this process's leases; the metrics module observes erasures and reads the queue (decision 041).
export { deletionQueueGauges, observeErasures, releaseDeletionLeases } from './leases.ts';
export type { ErasureObservation } from './leases.ts';
