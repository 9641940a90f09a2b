// Field schemas shared by every module's routes (and mirrored by the web app's forms).

/** A closed object schema: only these properties, all of them required unless a list says which. */
export const obj = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;

/**
 * The schema or null, as a type list rather than `anyOf`: the response serialiser picks a type
 * list's branch with a typeof check, but an `anyOf` branch by running the validator on the value
 * (2.5× the serialising time of a conversation list).
 */
export const nullable = <S extends { type: string }>(schema: S) => ({ ...schema, type: [schema.type, 'null'] }) as const;

/** The one spelling of an id Souk takes: canonical, lower-case 8-4-4-4-12 hex, as PostgreSQL writes a uuid. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An id: `format: 'uuid'` is checked against UUID_PATTERN by every route's validator (plugins/validation.ts). */
export const UuidSchema = { type: 'string', format: 'uuid' } as const;
export const EmailSchema = { type: 'string', format: 'email', minLength: 3, maxLength: 254 } as const;
// Length rules with their own error codes are enforced by the password policy; the schema only
// bounds the size so nobody can make us hash a megabyte.
export const PasswordSchema = { type: 'string', minLength: 1, maxLength: 1024 } as const;
export const DisplayNameSchema = { type: 'string', minLength: 1, maxLength: 80, pattern: '\\S' } as const;
export const TokenSchema = { type: 'string', minLength: 10, maxLength: 2048 } as const;
export const CountrySchema = { type: ['string', 'null'], pattern: '^[A-Z]{2}$' } as const;
export const PhoneSchema = { type: ['string', 'null'], maxLength: 32, pattern: '^\\+?[0-9 ()./-]{4,31}$' } as const;

/**
 * The body of a state-changing route that takes none: no body (what the web app sends), or `{}`;
 * anything else is a 400 VALIDATION_FAILED. Fastify validates an absent body as null, so a JSON
 * `null` is accepted too: after parsing it cannot be told apart from no body.
 */
export const NoBodySchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  description: 'No body: send none, or an empty JSON object.',
} as const;

/**
 * The body of an upload: the file's bytes, sent with one of these content types. The schema is
 * empty on purpose (OpenAPI 3.1 describes raw bytes by their media type alone); the content-type
 * parser and the upload's own file check decide what is accepted.
 */
export const bytesBody = (contentTypes: readonly string[], description: string) => ({
  content: Object.fromEntries(contentTypes.map((type) => [type, { schema: { description } }])),
});

export const errorResponses = {
  400: { $ref: 'ErrorResponse#' },
  401: { $ref: 'ErrorResponse#' },
  402: { $ref: 'ErrorResponse#' },
  403: { $ref: 'ErrorResponse#' },
  404: { $ref: 'ErrorResponse#' },
  409: { $ref: 'ErrorResponse#' },
  413: { $ref: 'ErrorResponse#' },
  415: { $ref: 'ErrorResponse#' },
  429: { $ref: 'ErrorResponse#' },
  500: { $ref: 'ErrorResponse#' },
  503: { $ref: 'ErrorResponse#' },
} as const;

export const MeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'email', 'emailVerified', 'displayName', 'phone', 'country', 'createdAt'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    emailVerified: { type: 'boolean' },
    displayName: { type: 'string' },
    phone: { type: ['string', 'null'] },
    country: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;
