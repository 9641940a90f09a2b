// The accounts module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { dropEmailChanges } from './email-change.ts';
export {
  accountIdsAfter,
  accountsErasure,
  contactOf,
  emailOf,
  exportAccountPreferencesOf,
  exportNotificationPreferencesOf,
  exportProfileOf,
  identifyingOf,
  lockAccount,
  setAccountStatus,
} from './erasure.ts';
export { toMe } from './me.ts';
export { accountRoutes } from './routes.ts';
// For other modules: the users rows and notification choices as they read, lock and use them in their own statements (issue 16).
export {
  accountIdsWithEmail,
  accountWithEmail,
  activeContactOf,
  displayNameOf,
  emailAddressOf,
  emailVerifiedOf,
  holdActiveAccount,
  keepLanguage,
  languageOf,
  lockAccountForChanges,
  lockActiveAccount,
  notificationChoiceOf,
  pendingNewEmailsOf,
  recipientOf,
} from './references.ts';
