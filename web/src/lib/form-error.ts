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

const SERVER_FAULT = 'Something went wrong on our side. Please try again.';

// Wording we control for codes whose server message is terse or written for developers.
const MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: 'Email or password is incorrect.',
  EMAIL_NOT_VERIFIED: 'Please verify your email first. Open the link we sent you when you created your account.',
  TOKEN_INVALID: 'This link is invalid or has expired.',
  INVALID_PASSWORD: 'Your current password is incorrect.',
  PASSWORD_TOO_SHORT: 'Your password must be at least 8 characters long.',
  PASSWORD_TOO_LONG: 'Your password must be at most 128 characters long.',
  PASSWORD_TOO_COMMON: 'This password is too common. Choose one that is harder to guess.',
  UNAUTHENTICATED: 'You have been signed out. Please sign in again.',
  CSRF_REJECTED: 'This request did not come from Souk itself, so it was refused. Reload the page and try again.',
  VALIDATION_FAILED: 'Please check what you entered and try again.',
  NETWORK_ERROR: 'Could not reach Souk. Check your connection and try again.',
};

// Plain wording for fields the server's schemas reject, shared by every form that has them.
const FIELD_MESSAGES: Record<string, string> = {
  email: 'Enter an email address like name@example.com.',
  newEmail: 'Enter an email address like name@example.com.',
  password: 'Enter a password of 8 to 128 characters.',
  newPassword: 'Enter a password of 8 to 128 characters.',
  currentPassword: 'Enter your current password.',
  displayName: 'Enter a display name of 1 to 80 characters.',
  phone: 'Enter a phone number with digits, spaces and + ( ) . / - only, for example +44 20 7946 0958.',
  country: 'Choose a country from the list.',
  token: 'This link is invalid or has expired.',
};

function rateLimitMessage(error: ApiError): string {
  const seconds = error.retryAfterSeconds;
  if (seconds === undefined) return 'Too many attempts. Please wait a moment and try again.';
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many attempts. Please try again in ${wait}.`;
}

/** Error details may name a field as "email", "/email" or "body.email"; forms use the last part. */
function fieldName(path: string): string {
  const parts = path.split(/[./]/).filter((part) => part !== '');
  return parts.at(-1) ?? path;
}

/** Turns anything a request threw into what a form displays. */
export function describeError(error: unknown, wording: ErrorWording = {}): FormError {
  if (!(error instanceof ApiError)) return { code: 'UNKNOWN', message: SERVER_FAULT, fields: {} };
  const { codeFields = {}, fieldMessages = {} } = wording;

  const fields: Record<string, string> = {};
  for (const issue of error.details) {
    const field = fieldName(issue.field);
    fields[field] ??=
      error.code === 'VALIDATION_FAILED'
        ? (fieldMessages[field] ?? FIELD_MESSAGES[field] ?? issue.message)
        : (MESSAGES[error.code] ?? issue.message);
  }
  const codeField = codeFields[error.code];
  if (codeField !== undefined) fields[codeField] ??= MESSAGES[error.code] ?? error.message;

  let message: string;
  if (error.code === 'RATE_LIMITED' || error.status === 429) message = rateLimitMessage(error);
  else if (error.code === 'VALIDATION_FAILED' && Object.keys(fields).length > 0)
    message = 'Please correct the fields marked below.';
  else if (error.status >= 500) message = SERVER_FAULT;
  else message = MESSAGES[error.code] ?? error.message;
  return { code: error.code, message, fields };
}
