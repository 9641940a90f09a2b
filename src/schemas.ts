// Field schemas shared by every module's routes (and mirrored by the web app's forms), and the
// types a route's handler gets from its schemas (decision 038): each API shape is declared once,
// as a JSON schema written `as const`, and `request.body`, `request.params`, `request.query` and
// the reply take their types from it.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FromSchema as FromSchemaWith, JSONSchema } from 'json-schema-to-ts';
import type { ErrorResponseSchema } from './errors.ts';

/** What `$ref: 'ErrorResponse#'` in a response schema stands for. */
type SchemaOptions = { references: [typeof ErrorResponseSchema] };
declare const noBody: unique symbol;
/** An answer without a body (NoContentSchema, a 204) is sent as `reply.code(204).send()`. */
type ReplyOptions = SchemaOptions & {
  deserialize: [{ pattern: { readonly type: 'null'; readonly [noBody]: true }; output: undefined }];
};

/** The type provider: request and reply types computed from the route's JSON schemas. */
export type SchemaTypes = JsonSchemaToTsProvider<{
  ValidatorSchemaOptions: SchemaOptions;
  SerializerSchemaOptions: ReplyOptions;
}>;

/** The app as a module's route plugin sees it: routes declared on it are typed by their schemas. */
export type RouteApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  SchemaTypes
>;

export type { JSONSchema };

/** The type of the values a schema accepts (as validated: no coercion is assumed beyond the schema's own types). */
export type FromSchema<S extends JSONSchema> = FromSchemaWith<S, SchemaOptions>;

/**
 * The reply of a route whose body is not the JSON its response schema types: bytes (an image, with
 * 304 when unchanged), or JSON text already written (decision 028). The schema still documents the
 * answer; this reply takes any status and payload, as a route without a type provider does.
 */
export const bytesReply = (reply: FastifyReply): FastifyReply => reply;

type Properties = Readonly<Record<string, JSONSchema>>;

/** A closed object schema: only `properties`, and of them those in `required`. */
export type ObjectSchema<P extends Properties, R extends readonly string[]> = {
  readonly type: 'object';
  readonly additionalProperties: false;
  readonly required: R;
  readonly properties: P;
};

/**
 * The one builder of object schemas: a closed object (no other properties), every property
 * required unless a list says which. The literal types of `properties` and `required` are kept, so
 * the schema types what it accepts.
 */
export function obj<const P extends Properties>(properties: P): ObjectSchema<P, ReadonlyArray<keyof P & string>>;
export function obj<const P extends Properties, const R extends ReadonlyArray<keyof P & string>>(
  properties: P,
  required: R,
): ObjectSchema<P, R>;
export function obj(properties: Properties, required: readonly string[] = Object.keys(properties)) {
  return { type: 'object', additionalProperties: false, required, properties };
}

/**
 * The schema or null, as a type list rather than `anyOf`: the response serialiser picks a type
 * list's branch with a typeof check, but an `anyOf` branch by running the validator on the value
 * (2.5× the serialising time of a conversation list). Spread, so that `type` keeps its place
 * among the keys (the OpenAPI document and the serialiser see the same object as before); the
 * type says what the spread makes.
 */
export const nullable = <const S extends { type: string }>(schema: S) =>
  ({ ...schema, type: [schema.type, 'null'] }) as Omit<S, 'type'> & { readonly type: readonly [S['type'], 'null'] };

/** The one spelling of an id Souk takes: canonical, lower-case 8-4-4-4-12 hex, as PostgreSQL writes a uuid. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An id: `format: 'uuid'` is checked against UUID_PATTERN by every route's validator (plugins/validation.ts). */
export const UuidSchema = { type: 'string', format: 'uuid' } as const;
export const EmailSchema = { type: 'string', format: 'email', minLength: 3, maxLength: 254 } as const;
// Length rules with their own error codes are enforced by the password policy; the schema only
// bounds the size so nobody can make us hash a megabyte.
export const PasswordSchema = { type: 'string', minLength: 1, maxLength: 1024 } as const;
/** Text of 1 to `maxLength` characters, at least one of them not white space. */
export const TextSchema = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;
export const DisplayNameSchema = TextSchema(80);
export const TokenSchema = { type: 'string', minLength: 10, maxLength: 2048 } as const;
/** A country as ISO 3166-1 alpha-2, upper case ("DE"). */
export const CountryCodeSchema = { type: 'string', pattern: '^[A-Z]{2}$' } as const;
export const CountrySchema = nullable(CountryCodeSchema);
export const PhoneSchema = { type: ['string', 'null'], maxLength: 32, pattern: '^\\+?[0-9 ()./-]{4,31}$' } as const;
/** A currency as ISO 4217, upper case ("EUR"). */
export const CurrencyCodeSchema = { type: 'string', pattern: '^[A-Z]{3}$' } as const;
export const DateTimeSchema = { type: 'string', format: 'date-time' } as const;

/** The paging fields of a list's query string: pages 1 to 1000, of at most `maxPageSize` items. */
export const PageQuery = (maxPageSize: number) =>
  ({
    page: { type: 'integer', minimum: 1, maximum: 1000 },
    pageSize: { type: 'integer', minimum: 1, maximum: maxPageSize },
  }) as const;

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

/**
 * The answer of a route that sends no body. Its type carries a mark that only types see, so that
 * it, and not every nullable field, is typed as no payload: `reply.code(204).send()`.
 */
export const NoContentSchema = { type: 'null' } as { readonly type: 'null'; readonly [noBody]: true };

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

/** The responses of a route that answers 204 with no body, or an error. */
export const noContentResponses = { 204: NoContentSchema, ...errorResponses } as const;

export const MeSchema = obj({
  id: { type: 'string' },
  email: { type: 'string' },
  emailVerified: { type: 'boolean' },
  displayName: { type: 'string' },
  phone: { type: ['string', 'null'] },
  country: { type: ['string', 'null'] },
  createdAt: { type: 'string', format: 'date-time' },
});
