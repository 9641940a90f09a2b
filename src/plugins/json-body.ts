// JSON bodies are parsed only when they nest at most MAX_JSON_DEPTH arrays and objects deep:
// deeper is a 400 BODY_TOO_DEEP before anything walks the value (a body 10,000 levels deep
// overflowed the stack of a recursive check). The limit is counted on the text, in one pass
// without recursion; the parse itself is Fastify's (secure-json-parse, prototype keys refused).
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * The deepest nesting of arrays and objects a request body may have. The deepest Souk body is
 * three levels (a shipping profile's rates: object → array → object); 64 leaves room for any
 * future one and is far below what a recursive walk of the value can take.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/** Whether JSON text opens more than `limit` arrays and objects inside one another (strings skipped). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) done(new AppError('BODY_TOO_DEEP'), undefined);
    else parse(request, body as string, done);
  });
}
