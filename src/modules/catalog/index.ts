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
// For posts and messages: the products and stores their rows refer to, and the ratings posts keeps up to date.
export { listedProductOf, productTitleOf, storeNameOfStore, storeOwnerOf, storesOwnedBy, type ListedProduct } from './references.ts';
export { lockStoreRatingsOfProducts, ratingOf, RatingSchema, refreshStoreRatings, setProductRatings } from './ratings.ts';
