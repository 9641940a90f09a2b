// The roles module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { rolesErasure } from './erasure.ts';
export { adminRoutes } from './routes.ts';
export { STAFF_ROLES, grantRole, requireRole, revokeRole, rolesOf } from './service.ts';
