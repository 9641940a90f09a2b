// The orders module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { placeCheckout, quoteCart } from './checkout.ts';
export { exportOrdersOf, keptOrdersOf, liveOrdersOf, liveOrdersToStoreOf, ordersErasure } from './erasure.ts';
export { addTrackingEvent, shipOrder } from './fulfilment.ts';
export { orderAmountsOf, orderMailTemplates, orderTotalText, type OrderTotal } from './mails.ts';
export { orderRoutes } from './routes.ts';
export { sellerOrderRoutes } from './seller-routes.ts';
export { registerOrderJobs } from './service.ts';
export { trackingRoutes } from './tracking-routes.ts';
// For posts and messages: whether a buyer received a product, a buyer's order and its store, an order's number.
export { hasReceived, isOrderOfBuyer, orderNumberOf, orderOfBuyer } from './references.ts';
// For returns: an order as a return reads it, and its row locked for a refund with what was paid.
export { lockPaidOrder, orderForReturn } from './references.ts';
// For the seller dashboard: orders to ship and late, the accounting export's lines (decision 055).
export { accountingLinesOf, ordersToShipOf, type AccountingCursor, type AccountingLine } from './accounting.ts';
