// The one error catalogue. Every error a client can see has a stable `code` listed here;
// the single error handler (src/plugins/error-handler.ts) turns them into responses.

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json.' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  BODY_TOO_DEEP: { status: 400, message: 'The request body is nested too deeply.' },
  // A value the route's schema let through and the database refused (SQLSTATE class 22): a gap in
  // the schema, answered as the client's mistake it is, never as a 500 (decision 034).
  INVALID_VALUE: { status: 400, message: 'A value in the request cannot be used.' },
  CSRF_REJECTED: { status: 403, message: 'The request did not come from this site.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  // Authorization: Bearer (native apps, decision 047): a token that is malformed, ended or expired.
  TOKEN_REJECTED: { status: 401, message: 'This token is not valid or has ended. Sign in again.' },
  CREDENTIALS_AMBIGUOUS: {
    status: 400,
    message: 'Send either the session cookie or a bearer token, not both.',
  },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do that.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts. Try again later.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Email or password is incorrect.' },
  INVALID_PASSWORD: { status: 401, message: 'The current password is incorrect.' },
  EMAIL_NOT_VERIFIED: { status: 403, message: 'Verify your email address before signing in.' },
  PASSWORD_TOO_SHORT: { status: 400, message: 'Use at least 8 characters.' },
  PASSWORD_TOO_LONG: { status: 400, message: 'Use at most 128 characters.' },
  PASSWORD_TOO_COMMON: { status: 400, message: 'This password is too common. Choose another one.' },
  TOKEN_INVALID: { status: 400, message: 'This link is invalid or has expired.' },
  EMAIL_ALREADY_VERIFIED: { status: 409, message: 'This email address is already verified. You can sign in.' },
  EMAIL_UNAVAILABLE: { status: 409, message: 'This email address cannot be used.' },
  SAME_EMAIL: { status: 400, message: 'This is already your email address.' },
  EMAIL_UNDELIVERABLE: {
    status: 400,
    message:
      'This address cannot receive mail: its domain is reserved (.invalid, .localhost). Use an address you can read.',
  },
  LIMIT_REACHED: { status: 409, message: 'You have reached the limit for this list.' },
  PRODUCT_UNAVAILABLE: { status: 409, message: 'This product is no longer available.' },
  OUT_OF_STOCK: { status: 409, message: 'Not enough stock for this quantity.' },
  // Variants (decision 051)
  VARIANT_REQUIRED: { status: 400, message: 'Choose the options (colour, size…) of this product first.' },
  VARIANT_NOT_FOUND: { status: 404, message: 'This product has no such variant.' },
  VARIANT_NOT_CHOSEN: {
    status: 409,
    message: 'A product in your cart now comes in options (size, colour…): choose them on its page first.',
  },
  CART_EMPTY: { status: 409, message: 'Your cart is empty.' },
  CART_MIXED_CURRENCIES: {
    status: 409,
    message: 'Items priced in different currencies must be checked out separately.',
  },
  NOT_SHIPPABLE: { status: 409, message: 'A seller in your cart does not ship to this country.' },
  ORDER_TOO_LARGE: {
    status: 409,
    message: 'This order is too large to place at once. Order fewer items, or place several orders.',
  },
  TOTAL_CHANGED: { status: 409, message: 'Prices or shipping changed since you looked. Review your order again.' },
  RATE_SET_UNKNOWN: { status: 400, message: 'These exchange rates are not known. Reload the page and try again.' },
  RATES_STALE: {
    status: 409,
    message: 'The exchange rates you saw have been replaced. Reload the page to see prices with the current rates.',
  },
  CARD_INVALID: { status: 400, message: 'Check the card number, expiry date and security code.' },
  CARD_EXPIRED: { status: 400, message: 'This card has expired.' },
  CARD_DECLINED: { status: 402, message: 'The card was declined. Use another card.' },
  PAYMENT_RETRY: { status: 402, message: 'The payment could not be completed. Please try again.' },
  PAYMENT_PENDING: {
    status: 409,
    message:
      'This payment is still being confirmed with the card issuer. Do not pay again: look at this order again in a few minutes.',
  },
  ORDER_STATE: { status: 409, message: 'The order cannot do that in its current state.' },
  REFUND_FAILED: {
    status: 503,
    message: 'The payment provider could not refund this payment. Please try again later.',
  },
  // Returns and refunds (issue 19, decision 054).
  RETURN_STATE: { status: 409, message: 'The return cannot do that in its current state.' },
  RETURN_WINDOW_CLOSED: { status: 409, message: 'The return window for this order has closed.' },
  RETURN_OPEN: { status: 409, message: 'This order already has a return under way.' },
  REFUND_EXCEEDS_PAID: { status: 409, message: 'Refunds cannot add up to more than the order was paid.' },
  REFUND_SUCCEEDED: { status: 409, message: 'This refund has already been sent; there is nothing to retry.' },
  DISPUTE_DECIDED: { status: 409, message: 'This dispute has already been decided.' },
  DECISION_REASON_REQUIRED: { status: 400, message: 'Write the reason for this decision; both sides receive it.' },
  TRACKING_NUMBER_TAKEN: { status: 409, message: 'This tracking number is already used by another shipment.' },
  STORE_EXISTS: { status: 409, message: 'This account already has a store.' },
  NO_STORE: { status: 403, message: 'Open a store first.' },
  DATE_RANGE_INVALID: {
    status: 400,
    message: 'Choose a start date on or before the end date, at most 10 years apart.',
  },
  // Store pages (/s/<slug>): a store its seller hid (away, or leaving), and one that closed for good.
  STORE_HIDDEN: { status: 404, message: 'This store is not open at the moment.' },
  STORE_CLOSED: { status: 410, message: 'This store has closed.' },
  // Seller center
  IMAGE_INVALID: { status: 400, message: 'Upload a JPEG, PNG or WebP image.' },
  VARIANT_EXISTS: { status: 409, message: 'This product already has a variant with these options.' },
  VARIANT_OPTIONS_MISMATCH: {
    status: 400,
    message: "Give one value for each of the product's options, under the same names, in the same order.",
  },
  PRICED_BY_VARIANTS: {
    status: 409,
    message: "This product's price and stock are its variants': change them on each variant.",
  },
  SHIPPING_PROFILE_IN_USE: {
    status: 409,
    message: 'Products still use this shipping profile. Move them to another profile first.',
  },
  CONFIRM_EMAIL_MISMATCH: { status: 400, message: 'Type the email address of this account exactly.' },
  DELETION_BLOCKED: { status: 409, message: 'Some things must be settled before this account can be deleted.' },
  REQUEST_STATE: { status: 409, message: 'This request cannot do that in its current state.' },
  REASON_REQUIRED: { status: 400, message: "Write why this is not the person's data." },
  DELETION_PENDING: { status: 409, message: 'A deletion request for this account is already being processed.' },
  // Posts (reviews, questions, answers, reports)
  REVIEW_NOT_ALLOWED: { status: 403, message: 'Only buyers who received this product can review it.' },
  ALREADY_REVIEWED: { status: 409, message: 'You have already reviewed this product. Edit your review instead.' },
  ANSWER_NOT_ALLOWED: { status: 403, message: 'Only the seller and buyers who received this product can answer.' },
  ALREADY_REPORTED: { status: 409, message: 'You have already reported this.' },
  // Messages
  OWN_STORE: { status: 409, message: 'This is your own store: you cannot message it.' },
  CONVERSATION_CLOSED: { status: 409, message: 'This conversation is closed: the other side deleted their account.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is starting or unavailable.' },
  // GET /api/ready: details name the check that failed (database, migrations, jobs, draining).
  NOT_READY: { status: 503, message: 'Souk is not ready to take traffic.' },
  METRICS_UNAUTHORIZED: { status: 401, message: 'Send the metrics token as Authorization: Bearer <token>.' },
  BUSY: { status: 503, message: 'Too many requests of this kind are waiting. Try again in a moment.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export type ErrorDetail = { field: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;
  /** Extra headers for the response (e.g. Retry-After). */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: ErrorDetail[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(options.message ?? ERRORS[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** The JSON schema of every error body, shared by all routes' response schemas. */
export const ErrorResponseSchema = {
  $id: 'ErrorResponse',
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERRORS) },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
