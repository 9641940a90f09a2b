// Logs carry no personal data or secrets: URLs lose their query strings, headers are not logged
// (only method, path, status), and any string that reaches the logger has email addresses, card
// numbers and long token-like strings masked. Known sensitive keys are censored wherever they appear.
// One line per request, when it completes (decision 020).
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

// Starts only where a run of address characters starts: unanchored, the search began again at
// every character of a long run without an "@" and took quadratic time (10 s for 100 KB of text).
const EMAIL = /(?<![^\s@<>"'(),;:])[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g;
const TOKEN = /\b[A-Za-z0-9_-]{24,}(?:\.[A-Za-z0-9_-]{8,}){0,2}\b/g;
const PHONE = /\+\d[\d\s().-]{6,}\d/g;
// 12–19 digits, possibly grouped by single spaces or dashes: a card number if its checksum holds.
const CARD = /(?<![\d-])\d(?:[ -]?\d){11,18}(?![\d-])/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1 && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

export function redactText(value: string): string {
  return value
    .replace(CARD, (match) => (luhn(match.replace(/[ -]/g, '')) ? '[card]' : match))
    .replace(EMAIL, '[email]')
    .replace(TOKEN, '[token]')
    .replace(PHONE, '[phone]');
}

const SENSITIVE_KEYS = [
  'email',
  'newEmail',
  'to',
  'to_address',
  'name',
  'displayName',
  'display_name',
  'phone',
  'address',
  'street',
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'cookie',
  'authorization',
  'headers',
  'ip',
  'ip_address',
  'user_agent',
  'userAgent',
  'detail',
  // Cards: the number and security code must never reach a log (docs/payments.md).
  'number',
  'cardNumber',
  'cvc',
  'cvv',
  'provider_token',
  'providerToken',
];

const SENSITIVE = new Set(SENSITIVE_KEYS);
const CENSOR = '[redacted]';
/** Keys whose serializer below picks its few safe fields itself: walking a request, reply or error would be wasted. */
const SERIALIZED = new Set(['req', 'res', 'err']);
/** A log object is a few levels and a few dozen objects: past either limit (a cycle, a huge
 * structure) the rest is replaced by TRUNCATED, never logged unchecked. */
const MAX_DEPTH = 8;
const MAX_OBJECTS = 1000;
const TRUNCATED = '[truncated]';

/**
 * `value` with every sensitive key, at any depth, holding the censor: copies only the objects on
 * the way to a censored key, never changes `value`. (pino's own `redact` did this for three levels,
 * but parsed each of its 84 paths again on every log call and for every request's child logger,
 * which cost more than the rest of a log line.)
 */
function censorKeys(value: unknown, depth: number, budget: { objects: number }): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (depth > MAX_DEPTH || ++budget.objects > MAX_OBJECTS) return TRUNCATED;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = censorKeys(value[i], depth + 1, budget);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const censored = SENSITIVE.has(key) ? CENSOR : censorKeys(item, depth + 1, budget);
    if (censored !== item) (copy ??= { ...record })[key] = censored;
  }
  return copy ?? value;
}

/** The object of one log call, censored (its serialized keys are left to their serializers). */
export function censorLogObject(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  const budget = { objects: 0 };
  for (const key of Object.keys(object)) {
    if (SERIALIZED.has(key)) continue;
    const item = object[key];
    const censored = SENSITIVE.has(key) ? CENSOR : censorKeys(item, 1, budget);
    if (censored !== item) (copy ??= { ...object })[key] = censored;
  }
  return copy ?? object;
}

/** Fastify's request lines, one per request: "request completed" (or "request errored") with the
 * method, path, status and time, instead of an "incoming request" line as well. */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export function loggerOptions(
  config: Pick<Config, 'logLevel'>,
  destination?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(destination ? { stream: destination } : {}),
    formatters: { log: censorLogObject },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error & { code?: string; statusCode?: number }) => ({
        type: err.name,
        code: err.code,
        statusCode: err.statusCode,
        message: redactText(err.message ?? ''),
        stack: redactText(err.stack ?? ''),
      }),
    },
    hooks: {
      // Every message string is masked too, whoever wrote it (Better Auth, pg-boss, us).
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields a readable line shows in its own way, or not at all. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime', 'err']);

/**
 * One pino JSON line as a line for a person at a terminal (development): time, level, message, the
 * request in a few words, other fields as key=value, and an error's stack below. What reaches it is
 * already censored and masked: it only changes the layout.
 */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '--:--:--';
  const level = (LEVEL_NAMES[entry.level as number] ?? String(entry.level)).padEnd(5);
  const parts = [time, level, String(entry.msg ?? '')];
  const req = entry.req as { method?: string; path?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method)
    parts.push(
      `${req.method} ${req.path ?? ''}${res?.statusCode ? ` → ${res.statusCode}` : ''}${typeof entry.responseTime === 'number' ? ` ${entry.responseTime.toFixed(1)} ms` : ''}`,
    );
  for (const [key, value] of Object.entries(entry)) {
    if (!SHOWN.has(key)) parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  const err = entry.err as { type?: string; message?: string; stack?: string } | undefined;
  const line = parts.filter((p) => p !== '').join('  ');
  return err ? `${line}\n  ${err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`}` : line;
}

/** A destination that writes each log line readably to `out` (development at a terminal). */
export function readableDestination(out: NodeJS.WritableStream = process.stdout): NodeJS.WritableStream {
  let pending = '';
  return {
    write(chunk: string | Uint8Array) {
      pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        out.write(`${readableLine(pending.slice(0, newline))}\n`);
        pending = pending.slice(newline + 1);
      }
      return true;
    },
  } as NodeJS.WritableStream;
}
