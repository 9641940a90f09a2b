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
// The products as the cart reads them, in its own statements (issue 16).
export { cartProducts, productForCart, productTitleOf } from './cart-products.ts';
export type { ProductForCart } from './cart-products.ts';
