// The privacy module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { privacyRoutes } from './routes.ts';
// The column words and outcomes /privacy/data words in English, for the web app's wording test.
export { COLUMN_WORDS, DELETION_OUTCOMES, describeDataKinds } from './data-kinds.ts';
