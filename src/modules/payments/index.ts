// The payments module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { countSavedCardsOf, exportSavedCardsOf, paymentsErasure } from './erasure.ts';
export { refundNow, TestPaymentProvider } from './provider.ts';
export type {
  ChargeLookup,
  ChargeRequest,
  ChargeResult,
  PaymentProvider,
  RefundRequest,
  RefundResult,
} from './provider.ts';
export { CardInputSchema, findPaymentMethod, savePaymentMethod } from './repository.ts';
export { paymentRoutes } from './routes.ts';
