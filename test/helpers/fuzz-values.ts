// Values for the route fuzz (test/helpers/fuzz-inputs.ts builds requests from them): values a
// schema probably accepts, pushed to its edges (the largest integers, the longest strings of
// four-byte characters, ids of real rows), and values a route must refuse (wrong types, huge and
// deeply nested values, odd Unicode, lone surrogates and NUL, ids in every syntax PostgreSQL or
// Ajv might take).
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
};

/** Ids of real rows, by table: a request names one as easily as a stranger's guess. */
export type IdPool = Record<string, string[]>;

/** The ids a field or path parameter most likely names: by its name (productId → products,
 * photoId → review_photos) or the path segment before it (/api/orders/{id} → orders). */
function idsFor(pool: IdPool, hints: readonly string[]): string[] {
  for (const hint of hints) {
    const stem = hint
      .replace(/Id$/, '')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .replaceAll('-', '_')
      .toLowerCase()
      .replace(/s$/, '');
    if (stem === 'id' || stem === '') continue;
    const tiers = [
      (t: string) => t === `${stem}s` || t === `${stem}es`,
      (t: string) => t.endsWith(`_${stem}s`),
      (t: string) => t.startsWith(`${stem}_`),
    ];
    for (const tier of tiers) {
      const ids = Object.keys(pool)
        .filter(tier)
        .flatMap((t) => pool[t]!);
      if (ids.length > 0) return ids;
    }
  }
  return Object.values(pool).flat();
}

/** JSON text spliced into a body as is: nesting too deep for JSON.stringify, or not JSON at all. */
export class Raw {
  readonly json: string;
  constructor(json: string) {
    this.json = json;
  }
}

/** JSON.stringify, except that Raw values are spliced in as they are. */
export function toJson(value: unknown): string {
  if (value instanceof Raw) return value.json;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const nested = (depth: number, open: string, close: string, inner = '1') =>
  new Raw(open.repeat(depth) + inner + close.repeat(depth));

const SAMPLE_UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** One id in every syntax something might take for a UUID, and a few it must not. */
export const ODD_IDS: readonly string[] = [
  `urn:uuid:${SAMPLE_UUID}`,
  `URN:UUID:${SAMPLE_UUID}`,
  `{${SAMPLE_UUID}}`,
  SAMPLE_UUID.toUpperCase(),
  SAMPLE_UUID.replaceAll('-', ''),
  `{${SAMPLE_UUID.replaceAll('-', '')}}`,
  '0f8f-ad5b-d9cb-469f-a165-7086-7728-950e',
  `${SAMPLE_UUID}0`,
  `${SAMPLE_UUID}-0000`,
  SAMPLE_UUID.slice(0, 35),
  ` ${SAMPLE_UUID}`,
  `${SAMPLE_UUID}\n`,
  SAMPLE_UUID.replace('0', '\uff10'),
  SAMPLE_UUID.replace('f', 'g'),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  `${SAMPLE_UUID}${'0'.repeat(200)}`,
];

/** Text a database, a regex or a URL parser might trip on. */
export const ODD_TEXT: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udbff\udfff',
  '\u202eevil',
  '\ufeffbom',
  'e\u0301',
  '😀',
  '👩‍👩‍👧‍👦',
  'İstanbul',
  'ß',
  '\u2028',
  '\r\n',
  '\t',
  "O'Brien",
  '"',
  '\\',
  '%',
  '_',
  '%_\\',
  'a\\',
  '*',
  '?',
  '\\x00',
  '%00',
  '$' + '{x}',
  '<script>',
  "'; drop table users; --",
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-0',
  '0x10',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '٣',
  '１２',
  '-1',
  '2147483648',
  '9223372036854775808',
  '\u00a0',
  '\u0085',
  '\ud83d',
];

const HUGE_TEXT: readonly string[] = ['x'.repeat(100_000), '😀'.repeat(50_000), '\u0000'.repeat(1000)];

/** Values of the wrong type for almost any field. */
const WRONG_TYPES: readonly unknown[] = [
  0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  1e308,
  -1e308,
  true,
  false,
  null,
  [],
  {},
  [1],
  { a: 1 },
  '',
  'x',
  [[[]]],
];

/** Values nested deeper than any Souk body: around the documented limit, and far past it. */
const deepValue = fc.oneof(
  fc.constantFrom(63, 64, 65, 100, 1000, 10_000).map((depth) => nested(depth, '[', ']')),
  fc.constantFrom(64, 65, 10_000).map((depth) => nested(depth, '{"a":', '}')),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...WRONG_TYPES),
  fc.constantFrom(...ODD_TEXT),
  fc.constantFrom(...ODD_IDS),
  fc.constantFrom(...HUGE_TEXT),
  deepValue,
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const codePoints = (s: string) => [...s].length;

/** Values the routes' own checks take (a known country, currency, category, test card), where a
 * field's pattern allows them: random text that merely matches a pattern rarely gets that far. */
const KNOWN_GOOD = [
  'FR',
  'US',
  'MA',
  'DE',
  'USD',
  'EUR',
  'JPY',
  'home-kitchen',
  'electronics',
  '4242 4242 4242 4242',
  '4242424242424242',
  '123',
  '69001',
  'SK-1',
  'DHL',
];

/** The characters repeated to a string's longest allowed length: the most bytes it may take. */
const WIDE_CHARS = ['😀', 'ß', 'x', '\u0301', ' '];

const ODD_DATE_TIMES = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999999999Z',
  '2016-12-31T23:59:60Z',
  '2030-06-30T23:59:60+00:00',
  '2030-01-01t00:00:00z',
  '2030-01-01T00:00:00+14:00',
  '2030-01-01T00:00:00-23:59',
  '1969-12-31T23:59:59.999Z',
  '2030-02-29T00:00:00Z',
  '2030-01-01T00:00:00+01',
  '2030-01-01T00:00:00+0100',
  '2030-01-01 00:00:00Z',
  '2030-01-01T24:00:00Z',
];

function plausibleString(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<string> {
  const { minLength = 0, maxLength } = schema;
  const fits = (s: string) => codePoints(s) >= minLength && (maxLength === undefined || codePoints(s) <= maxLength);
  if (schema.format === 'uuid')
    return ids.length > 0
      ? fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 })
      : fc.uuid();
  if (schema.format === 'email') {
    return fc
      .oneof(
        fc.emailAddress(),
        fc.constantFrom('a@b.co', "o'brien@example.test", 'ü@exämple.test', `${'a'.repeat(64)}@${'b'.repeat(63)}.test`),
      )
      .filter(fits);
  }
  if (schema.format === 'date-time') {
    const now = Date.now();
    return fc.oneof(
      fc.integer({ min: now - 86400_000, max: now + 400 * 86400_000 }).map((ms) => new Date(ms).toISOString()),
      fc
        .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom(...ODD_DATE_TIMES),
    );
  }
  const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern);
  const matches = (s: string) => fits(s) && (pattern === undefined || pattern.test(s));
  const character = fc.oneof(
    fc.constant('x'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const base = pattern
    ? fc.stringMatching(pattern).filter(fits)
    : fc.string({ unit: character, minLength, maxLength: Math.min(maxLength ?? 40, 40) });
  const choices = [
    { arbitrary: base, weight: 6 },
    { arbitrary: fc.constantFrom(...ODD_TEXT), weight: 1 },
  ];
  const known = KNOWN_GOOD.filter(matches);
  if (known.length > 0) choices.push({ arbitrary: fc.constantFrom(...known), weight: 6 });
  const longest = (maxLength === undefined ? HUGE_TEXT : WIDE_CHARS.map((c) => c.repeat(maxLength))).filter(matches);
  if (longest.length > 0) choices.push({ arbitrary: fc.constantFrom(...longest), weight: 1 });
  return fc.oneof(...choices);
}

function plausibleNumber(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low = schema.minimum;
  const high = schema.maximum;
  const edges = [
    low ?? -(2 ** 31) - 1,
    high ?? 2 ** 31,
    ...(low === undefined ? [-(2 ** 53) + 1, -1e300] : []),
    ...(high === undefined ? [2 ** 53 - 1, 1e300] : []),
  ];
  if (!integer) edges.push(0.5, -0.5, 1e-300);
  const min = Math.max(low ?? -1000, -(2 ** 31));
  const max = Math.min(high ?? 1000, 2 ** 31 - 1);
  const inRange = fc.integer({ min, max });
  // Near the minimum too: a price below the list price, a quantity in stock.
  const small = fc.integer({ min, max: Math.min(max, min + 100) });
  return fc.oneof(
    { arbitrary: inRange, weight: 2 },
    { arbitrary: small, weight: 2 },
    { arbitrary: fc.constantFrom(...edges), weight: 1 },
  );
}

/** A value `schema` probably accepts, biased towards the edges of what it allows; `hints` name
 * the field (and the path segment before a path parameter), to pick ids of the right table. */
export function plausible(schema: JsonSchema, pool: IdPool, hints: readonly string[] = []): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = [schema.type ?? (schema.properties ? 'object' : 'any')].flat();
  if (types.length > 1) return fc.oneof(...types.map((type) => plausible({ ...schema, type }, pool, hints)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return plausibleNumber(schema, true);
    case 'number':
      return plausibleNumber(schema, false);
    case 'string':
      return plausibleString(schema, schema.format === 'uuid' ? idsFor(pool, hints) : []);
    case 'array': {
      const items = plausible(schema.items ?? {}, pool, hints);
      const minLength = schema.minItems ?? 0;
      const maxLength = schema.maxItems ?? 5;
      return fc.oneof(
        {
          arbitrary: fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(maxLength, 3)) }),
          weight: 4,
        },
        { arbitrary: fc.array(items, { minLength: maxLength, maxLength }), weight: 1 },
      );
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = schema.required ?? [];
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, plausible(s, pool, [key])])),
        { requiredKeys: required },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
