// The catalog module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { COUNTRIES } from './demo-data.ts';
export { catalogErasure, exportStoreOf, hideStoreOf, storeNameOf } from './erasure.ts';
export { productImageUrl } from './images.ts';
export { registerCatalogJobs } from './offers.ts';
export { catalogRoutes } from './routes.ts';
// The catalogue cache (decision 056): built with the app's context, its counts read by the metrics.
export { createCatalogCache, type CatalogCache } from './cache.ts';
export { catalogIsEmpty, seedCatalog } from './seed.ts';
// For the demo shop's start in development (src/demo.ts, decision 048).
export { rebaseDemoOffers } from './demo-offers.ts';
export { productImageKeysOf, sellerErasure } from './seller/erasure.ts';
export { sellerAuth } from './seller/hooks.ts';
export { sellerRoutes } from './seller/routes.ts';
// For orders: stock taken at checkout and given back on cancellation, in the caller's transaction.
export { lockProducts, returnStock, takeStock } from './stock.ts';
// For orders, posts and messages: the products and stores their rows refer to, as SQL pieces of their own statements or reads; and the ratings posts keeps up to date.
export {
  listedProductOf,
  nameOfStore,
  openStoreOf,
  ownerOfStore,
  productTitleOf,
  readStoreName,
  storeIdsOwnedBy,
  type ListedProduct,
} from './references.ts';
export {
  lockStoreRatingsOfProducts,
  ratingOf,
  RatingSchema,
  refreshStoreRatings,
  setProductRatings,
} from './ratings.ts';
// The products as the cart reads them, in its own statements (issue 16).
export { cartItemOf, cartProducts, productForCart, profileShipsTo } from './cart-products.ts';
export type { ProductForCart } from './cart-products.ts';
// For the seller dashboard (decision 055): low stock, the store's rating, its products.
export { lowStockOf, productIdsOfStore, storeRatingTotalsOf, type LowStockItem } from './dashboard.ts';
