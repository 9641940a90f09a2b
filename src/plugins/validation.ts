// Two validators: bodies are validated strictly (no type coercion, unknown fields rejected, so
// `"displayName": 123` is a 400, not "123"); query strings and params may coerce "5" to 5.
// Bodies are JSON only (anything else is a 415): Fastify's default text/plain parser is removed,
// since text/plain is what a foreign page can POST without a CORS preflight.
import type { FastifyInstance } from 'fastify';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AppError, ErrorResponseSchema } from '../errors.ts';
import { UUID_PATTERN } from '../schemas.ts';
import type { LazyCompilers } from './lazy-compilers.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Why PostgreSQL text cannot hold this string (U+0000, or a lone surrogate, which has no UTF-8 form), or null. */
function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (no lone surrogate)';
  return null;
}

/**
 * The first string (or key) in a parsed body, query or params that PostgreSQL text cannot hold:
 * its path and why. A walk with its own stack, not recursion (a body is at most MAX_JSON_DEPTH
 * deep anyway: json-body.ts). Uploaded bytes (a Buffer) are not text and are not walked.
 */
function findUnstorable(root: unknown): { path: string; message: string } | null {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const message = unstorable(value);
      if (message !== null) return { path, message };
    } else if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        const itemPath = path ? `${path}.${key}` : key;
        const message = unstorable(key);
        if (message !== null) return { path: itemPath, message };
        stack.push([item, itemPath]);
      }
    }
  }
  return null;
}

export function registerValidation(app: FastifyInstance, compilers: LazyCompilers): void {
  const base = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false } as const;
  const strict = addFormats(new Ajv({ ...base, coerceTypes: false }));
  const coercing = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  // Formats mean what the database and the code behind them take (decision 034). ajv-formats'
  // uuid also takes "urn:uuid:…" and upper case: PostgreSQL refused the first with a 500, and
  // either would name a row by a second spelling. Ids are the one form the database gives back.
  // Likewise a date-time must be one JavaScript reads (ajv-formats takes a leap second and a
  // "+01" offset, which become an Invalid Date) in years 0001-9999, which PostgreSQL takes too.
  for (const ajv of [strict, coercing]) {
    ajv.addFormat('uuid', UUID_PATTERN);
    const rfc3339 = ajv.formats['date-time'] as {
      validate(value: string): boolean;
      compare(a: string, b: string): number | undefined;
    };
    ajv.addFormat('date-time', {
      type: 'string',
      validate: (value: string) =>
        rfc3339.validate(value) && !value.startsWith('0000') && Number.isFinite(Date.parse(value)),
      compare: rfc3339.compare,
    });
  }
  app.addSchema(ErrorResponseSchema);
  for (const ajv of [strict, coercing]) ajv.addSchema(ErrorResponseSchema);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    compilers.validator(() => (httpPart === 'body' ? strict : coercing).compile(schema)),
  );
  app.removeContentTypeParser('text/plain');
  // PostgreSQL text cannot hold U+0000 or a lone surrogate: refuse them as a 400 naming the field,
  // rather than let the database fail the query (or store U+FFFD in its place). After the schema,
  // so that only what it accepts (bounded in size) is walked, and before any handler.
  app.addHook('preHandler', (request, _reply, done) => {
    for (const [part, value] of [
      ['body', request.body],
      ['params', request.params],
      ['querystring', request.query],
    ] as const) {
      const found = findUnstorable(value);
      if (found !== null)
        return done(
          new AppError('VALIDATION_FAILED', { details: [{ field: found.path || part, message: found.message }] }),
        );
    }
    done();
  });
}
