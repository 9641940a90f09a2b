// The saved module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { exportRecentViewsOf, exportSavedItemsOf, savedErasure } from './erasure.ts';
export { deleteStaleGuestRows as deleteStaleGuestShopperRows } from './repository.ts';
export { savedRoutes } from './routes.ts';
export { mergeGuestShopperOf } from './shopper.ts';
