import i18next from 'i18next';
import { ApiError } from '../api/client.ts';

/** What a form shows after a failed request: one message for the alert, and per-field messages. */
export type FormError = { code: string; message: string; fields: Record<string, string> };

export type ErrorWording = {
  /** Which input an error code concerns in this form, e.g. INVALID_PASSWORD → "currentPassword". */
  codeFields?: Record<string, string>;
  /**
   * Plain wording for a field the server rejected as invalid; the server's own validation
   * messages are written for developers ('must match pattern "^\+?[0-9 ()./-]{4,31}$"').
   */
  fieldMessages?: Record<string, string>;
};

// Wording per error code and per field, in the reader's language (web/src/i18n/locales/*/errors.json;
// the server's own messages are English and, for validation, written for developers). An English
// reader sees the server's message (often more precise: "This card number is not valid.") except for
// the codes this app words itself; a reader of another language sees the code's wording. A code this
// app does not know yet (a newer server) shows the server's message.
const WORDED_HERE = new Set([
  'INVALID_CREDENTIALS',
  'EMAIL_NOT_VERIFIED',
  'TOKEN_INVALID',
  'INVALID_PASSWORD',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_TOO_COMMON',
  'UNAUTHENTICATED',
  'CSRF_REJECTED',
  'VALIDATION_FAILED',
  'NETWORK_ERROR',
]);

function codeMessage(code: string, serverMessage: string): string {
  const key = `errors:codes.${code}`;
  if (!i18next.exists(key)) return serverMessage;
  if (!WORDED_HERE.has(code) && (i18next.resolvedLanguage ?? 'en') === 'en') return serverMessage;
  return i18next.t(key);
}

function fieldMessage(field: string): string | undefined {
  const key = `errors:fields.${FIELD_ALIASES[field] ?? field}`;
  return i18next.exists(key) ? i18next.t(key) : undefined;
}

// Fields that share another's wording.
const FIELD_ALIASES: Record<string, string> = { newEmail: 'email', newPassword: 'password' };

const serverFault = () => i18next.t('errors:general.serverFault');

function rateLimitMessage(error: ApiError): string {
  const seconds = error.retryAfterSeconds;
  if (seconds === undefined) return i18next.t('errors:general.rateLimited');
  return seconds < 90
    ? i18next.t('errors:general.rateLimitedSeconds', { count: seconds })
    : i18next.t('errors:general.rateLimitedMinutes', { count: Math.ceil(seconds / 60) });
}

/** Error details may name a field as "email", "/email" or "body.email"; forms use the last part. */
function fieldName(path: string): string {
  const parts = path.split(/[./]/).filter((part) => part !== '');
  return parts.at(-1) ?? path;
}

/** Turns anything a request threw into what a form displays. */
export function describeError(error: unknown, wording: ErrorWording = {}): FormError {
  if (!(error instanceof ApiError)) return { code: 'UNKNOWN', message: serverFault(), fields: {} };
  const { codeFields = {}, fieldMessages = {} } = wording;

  const fields: Record<string, string> = {};
  for (const issue of error.details) {
    const field = fieldName(issue.field);
    fields[field] ??=
      error.code === 'VALIDATION_FAILED'
        ? (fieldMessages[field] ?? fieldMessage(field) ?? issue.message)
        : codeMessage(error.code, issue.message);
  }
  const codeField = codeFields[error.code];
  if (codeField !== undefined) fields[codeField] ??= codeMessage(error.code, error.message);

  let message: string;
  if (error.code === 'RATE_LIMITED' || error.status === 429) message = rateLimitMessage(error);
  else if (error.code === 'VALIDATION_FAILED' && Object.keys(fields).length > 0)
    message = i18next.t('errors:general.correctFields');
  else if (error.status >= 500) message = serverFault();
  else message = codeMessage(error.code, error.message);
  return { code: error.code, message, fields };
}
