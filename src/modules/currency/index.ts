// The currency module's public surface (issue 20, decision 058): ISO 4217 currencies, exchange-rate
// sets and exact conversion between minor units.
export { convertMinor, crossRate, formatRate, parseRate, RATE_PATTERN, type ScaledRate } from './convert.ts';
export { currencyErasure } from './erasure.ts';
export { parseEurofxref } from './feed.ts';
export { refreshRates, registerCurrencyJobs } from './jobs.ts';
export { adminRateRoutes, currencyRoutes, rateBookOf, recordSampleRatesIfNone } from './routes.ts';
export { convertWith, rateAge, type RateSet, type RateSetInput, validateRateSet } from './service.ts';
