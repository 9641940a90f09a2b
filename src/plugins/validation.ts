// Two validators: bodies are validated strictly (no type coercion, unknown fields rejected, so
// `"displayName": 123` is a 400, not "123"); query strings and params may coerce "5" to 5.
import type { FastifyInstance } from 'fastify';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ErrorResponseSchema } from '../errors.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function registerValidation(app: FastifyInstance): void {
  const base = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false } as const;
  const strict = addFormats(new Ajv({ ...base, coerceTypes: false }));
  const coercing = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  app.addSchema(ErrorResponseSchema);
  for (const ajv of [strict, coercing]) ajv.addSchema(ErrorResponseSchema);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}
