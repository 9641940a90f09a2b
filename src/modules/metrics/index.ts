// The metrics module's public surface: what the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { createMetrics } from './metrics.ts';
export type { Metrics } from './metrics.ts';
export { METRICS_PATH, metricsRoutes } from './routes.ts';
