// The rate-limit module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { rateLimitErasure } from './erasure.ts';
export { createRateLimiter, dropEndedWindows } from './service.ts';
export type { RateLimiter, RateRule } from './service.ts';
