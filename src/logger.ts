// Logs carry no personal data or secrets: URLs lose their query strings, headers are not logged
// (only method, path, status), and any string that reaches the logger has email addresses, card
// numbers and long token-like strings masked. Known sensitive keys are censored wherever they appear.
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g;
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
  'email', 'newEmail', 'to', 'to_address', 'name', 'displayName', 'display_name', 'phone', 'address',
  'street', 'password', 'currentPassword', 'newPassword', 'token', 'cookie', 'authorization', 'headers',
  'ip', 'ip_address', 'user_agent', 'userAgent', 'detail',
  // Cards: the number and security code must never reach a log (docs/payments.md).
  'number', 'cardNumber', 'cvc', 'cvv', 'provider_token', 'providerToken',
];

export function loggerOptions(config: Pick<Config, 'logLevel'>, destination?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(destination ? { stream: destination } : {}),
    redact: {
      paths: SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
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
