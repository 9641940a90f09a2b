// The auth module's public surface: what other modules and the app may use of it (decision 039).
// Everything else in this folder is the module's own.
export { createBetterAuth } from './better-auth.ts';
export type { BetterAuth } from './better-auth.ts';
export { authErasure, endSessionsOf, exportSessionsOf, scramblePasswordOf, sessionTokensOf } from './erasure.ts';
export { dropExpiredCredentials } from './housekeeping.ts';
export { createAuthHooks } from './mails.ts';
export type { AuthMailSteps } from './mails.ts';
export { changePassword, endResetLinks } from './password-change.ts';
export { assertCurrentPassword } from './password-check.ts';
export { assertDeliverableAddress, assertPasswordAcceptable, hashPassword, verifyPassword } from './password-policy.ts';
export { authRoutes } from './routes.ts';
export {
  admitSessionUser,
  clearSessionCookie,
  optionalUser,
  requireCredential,
  requireUser,
  sessionTokenOf,
} from './session.ts';
export type { AccountUser, SessionUser } from './session.ts';
export { endOtherSessions, endSession, liveSessionsOf } from './sessions.ts';
export { SECURITY_SCHEMES, documentSessionSecurity, requiresSession } from './openapi.ts';
