// The currency module's public surface (issue 20, decision 058): ISO 4217 currencies, exchange-rate
// sets and exact conversion between minor units.
export { convertMinor, formatCrossRate, formatRate, parseRate, type ScaledRate } from './convert.ts';
export { currencyErasure } from './erasure.ts';
export { parseEurofxref } from './feed.ts';
export { refreshRates, registerCurrencyJobs } from './jobs.ts';
export { adminRateRoutes, currencyRoutes } from './routes.ts';
export {
  rateAge,
  rateBookOf,
  ratesOfSet,
  type RecordedRates,
  recordSampleRatesIfNone,
  type RateSet,
  type RateSetInput,
  validateRateSet,
} from './service.ts';
