// The person's unique identifiers (decision 031): what the verification searches for in every text
// column of every table, as whole tokens. Names and street lines are not here: they are not unique,
// and another person's equal name is never this person's data (they are proven gone through the
// rows the person owned, src/erasure/ownership.ts).

export type IdentifierKind = 'user id' | 'email' | 'phone' | 'upload key' | 'token';

export type Identifier = { kind: IdentifierKind; value: string };

/** A phone number needs this many digits to say who someone is; shorter ones are left to ownership. */
const MIN_PHONE_DIGITS = 7;

/** The E.164 form of a phone number as people write it: a leading + kept, every separator dropped. */
export function phoneE164(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/[^0-9]/g, '');
}

/**
 * The identifiers to search for, without duplicates: the account id, its addresses (lower-cased),
 * its phone as E.164 and as written (when long enough to be someone's), the keys of files it
 * uploaded, and opaque tokens derived from it.
 */
export function identifiersOf(input: {
  userId: string;
  emails: string[];
  phones: Array<string | null>;
  uploadKeys: string[];
  tokens: string[];
}): Identifier[] {
  const out: Identifier[] = [{ kind: 'user id', value: input.userId.toLowerCase() }];
  for (const email of input.emails) out.push({ kind: 'email', value: email.trim().toLowerCase() });
  for (const phone of input.phones) {
    if (!phone) continue;
    const e164 = phoneE164(phone);
    if (e164.replace('+', '').length < MIN_PHONE_DIGITS) continue;
    out.push({ kind: 'phone', value: e164 });
    if (phone.trim() !== e164) out.push({ kind: 'phone', value: phone.trim() });
  }
  for (const key of input.uploadKeys) out.push({ kind: 'upload key', value: key });
  for (const token of input.tokens) if (token.length >= 16) out.push({ kind: 'token', value: token });
  const seen = new Set<string>();
  return out.filter((i) => (seen.has(`${i.kind}\n${i.value}`) ? false : (seen.add(`${i.kind}\n${i.value}`), true)));
}

/**
 * Stored files' keys, as src/modules/posts/photos.ts and src/modules/catalog/seller/images.ts make them
 * ("reviews/<review id>/<uuid>.jpg", "products/<product id>/<uuid>.png"): how the scan recognises one.
 */
export const UPLOAD_KEY_PREFIXES = ['reviews/', 'products/'];
export const UPLOAD_KEY_PATTERN = '((?:reviews|products)/[0-9a-f-]{36}/[0-9a-f-]{36}\\.[a-z]{3,4})';

const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/**
 * The characters that may not touch an identifier for it to stand as a whole token: an email inside
 * a sentence counts ("write to ann@example.com."), one inside a longer address (joann@example.com,
 * ann@example.com.au) does not; a phone number inside a longer number does not.
 */
const BOUNDARIES: Record<IdentifierKind, { before: string; after: string }> = {
  'user id': { before: '[0-9a-z-]', after: '[0-9a-z-]' },
  email: { before: '[a-z0-9._%+-]', after: '[a-z0-9_%+-]|\\.[a-z0-9]' },
  phone: { before: '[0-9+]', after: '[0-9]' },
  'upload key': { before: '[a-z0-9/_.-]', after: '[a-z0-9/_-]|\\.[a-z0-9]' },
  token: { before: '[a-z0-9_-]', after: '[a-z0-9_-]' },
};

/**
 * A PostgreSQL regular expression (ARE, used case-insensitively with ~*) matching the identifier as a
 * whole token. Tokens are matched case-insensitively: email addresses and uuids are; the rest are
 * long enough that case makes no second person.
 */
export function tokenPattern(identifier: Identifier): string {
  const { before, after } = BOUNDARIES[identifier.kind];
  return `(?<!${before})${escapeRegex(identifier.value)}(?!${after})`;
}

/** The same test in JavaScript (for excerpts and tests). */
export function tokenRegExp(identifier: Identifier, flags = 'gi'): RegExp {
  return new RegExp(tokenPattern(identifier), flags);
}

/** What replaces a quoted identifier in someone else's words. */
export const REDACTED = '[removed]';
/**
 * What replaces a quote where "[removed]" would make the text longer than it was: no replacement may
 * break the length a column allows (every identifier is at least this long).
 */
export const REDACTED_SHORT = '[-]';

/** "j•••@e•••.com", "+44•••••58": enough for staff to recognise the kind, not the person. */
export function maskIdentifier(kind: IdentifierKind, value: string): string {
  if (kind === 'email') {
    const [local = '', domain = ''] = value.split('@');
    const dot = domain.lastIndexOf('.');
    return `${local.slice(0, 1)}•••@${domain.slice(0, 1)}•••${dot > 0 ? domain.slice(dot) : ''}`;
  }
  if (kind === 'phone') return `${value.slice(0, 3)}•••${value.slice(-2)}`;
  return `${value.slice(0, 4)}•••`;
}

/**
 * Up to `radius` characters on each side of the first place the identifier stands in `text`, the
 * identifier masked, and every other identifier of the person masked too.
 */
export function maskedExcerpt(text: string, found: Identifier, all: Identifier[], radius = 40): string {
  const at = tokenRegExp(found, 'i').exec(text);
  const start = Math.max(0, (at?.index ?? 0) - radius);
  const end = Math.min(text.length, (at ? at.index + at[0].length : 0) + radius);
  let excerpt = text.slice(start, end);
  for (const identifier of [found, ...all])
    excerpt = excerpt.replace(tokenRegExp(identifier), maskIdentifier(identifier.kind, identifier.value));
  return `${start > 0 ? '…' : ''}${excerpt}${end < text.length ? '…' : ''}`.replace(/\s+/g, ' ');
}
