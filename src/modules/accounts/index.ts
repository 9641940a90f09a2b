// The accounts module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { dropEmailChanges } from './email-change.ts';
export { accountsErasure, contactOf, emailOf, exportNotificationPreferencesOf, exportProfileOf, identifyingOf, lockAccount, setAccountStatus } from './erasure.ts';
export { toMe } from './me.ts';
export { accountRoutes } from './routes.ts';
// For orders, posts and messages: authors' names beside their rows, whom to mail, and whether a buyer's account is active (held until the checkout commits).
export { activeContactOf, displayNameOf, holdActiveAccount } from './references.ts';
