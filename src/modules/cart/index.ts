// The cart module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { cartErasure, exportCartOf } from './erasure.ts';
export { deleteStaleGuestCarts, readCartLines } from './repository.ts';
export type { CartLineRow } from './repository.ts';
export { cartRoutes } from './routes.ts';
export { mergeGuestCartOf, problemOf, unitPriceOf } from './service.ts';
// For orders' checkout: the products to lock before reading the cart, and emptying the cart in the checkout's transaction.
export { cartProductIdsOf, emptyCartOf } from './checkout-steps.ts';
