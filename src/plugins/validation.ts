// Two validators: bodies are validated strictly (no type coercion, unknown fields rejected, so
// `"displayName": 123` is a 400, not "123"); query strings and params may coerce "5" to 5.
// Bodies are JSON only (anything else is a 415): Fastify's default text/plain parser is removed,
// since text/plain is what a foreign page can POST without a CORS preflight.
import type { FastifyInstance } from 'fastify';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AppError, ErrorResponseSchema } from '../errors.ts';
import type { LazyCompilers } from './lazy-compilers.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The path of the first string (or key) holding U+0000, or null. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return itemPath;
    const found = findNul(item, itemPath);
    if (found !== null) return found;
  }
  return null;
}

export function registerValidation(app: FastifyInstance, compilers: LazyCompilers): void {
  const base = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false } as const;
  const strict = addFormats(new Ajv({ ...base, coerceTypes: false }));
  const coercing = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  app.addSchema(ErrorResponseSchema);
  for (const ajv of [strict, coercing]) ajv.addSchema(ErrorResponseSchema);
  app.setValidatorCompiler(({ schema, httpPart }) => compilers.validator(() => (httpPart === 'body' ? strict : coercing).compile(schema)));
  app.removeContentTypeParser('text/plain');
  // PostgreSQL text cannot hold U+0000: refuse it here as a 400 naming the field, rather than
  // let the database fail the query as a 500.
  app.addHook('preValidation', (request, _reply, done) => {
    for (const [part, value] of [['body', request.body], ['params', request.params], ['querystring', request.query]] as const) {
      const field = findNul(value, '');
      if (field !== null) return done(new AppError('VALIDATION_FAILED', { details: [{ field: field || part, message: 'must not contain a NUL character' }] }));
    }
    done();
  });
}
