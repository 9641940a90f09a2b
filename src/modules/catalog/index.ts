// The catalog module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { COUNTRIES } from './demo-data.ts';
export { catalogErasure, exportStoreOf, hideStoreOf, storeNameOf } from './erasure.ts';
export { productImageUrl } from './images.ts';
export { registerCatalogJobs } from './offers.ts';
export { catalogRoutes } from './routes.ts';
export { catalogIsEmpty, seedCatalog } from './seed.ts';
export { productImageKeysOf, sellerErasure } from './seller/erasure.ts';
export { sellerAuth } from './seller/hooks.ts';
export { sellerRoutes } from './seller/routes.ts';
// For orders: stock taken at checkout and given back on cancellation (in the caller's transaction), and store names and owners as SQL pieces of orders' own statements.
export { lockProducts, returnStock, takeStock } from './stock.ts';
export { nameOfStore, ownerOfStore, readStoreName, storeIdsOwnedBy } from './store-pieces.ts';
