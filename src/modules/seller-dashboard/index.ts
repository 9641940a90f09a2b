// The seller dashboard module's public surface (issue 19, decision 055).
export { sellerDashboardErasure } from './erasure.ts';
export { sellerDashboardRoutes } from './routes.ts';
