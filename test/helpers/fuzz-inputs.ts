// Requests for the route fuzz (test/fuzz-routes.test.ts, scripts/fuzz-routes.ts), built from one
// operation of the served OpenAPI document: valid by its schemas (test/helpers/fuzz-values.ts), or
// spoiled in one place — a path parameter, a query parameter, a body field (wrong type, missing,
// unknown, huge, deeply nested), the whole body, its content type.
import fc from 'fast-check';
import { PNG } from './posts.ts';
import {
  ODD_IDS,
  ODD_TEXT,
  Raw,
  hostileValue,
  plausible,
  toJson,
  type IdPool,
  type JsonSchema,
} from './fuzz-values.ts';

export type Operation = {
  method: string;
  /** The OpenAPI path, with {name} placeholders. */
  path: string;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  queryParams: Array<{ name: string; schema: JsonSchema }>;
  /** The documented request body: its media types and (for JSON) its schema. */
  body: { required: boolean; contentTypes: string[]; schema: JsonSchema | undefined } | undefined;
};

export type FuzzRequest = {
  method: string;
  url: string;
  contentType: string | undefined;
  payload: string | Buffer | undefined;
  /** What was done to the input, for the report. */
  label: string;
};

/** Every field a body schema names, as paths (array items as index 0). */
function fieldPaths(schema: JsonSchema | undefined, prefix: string[] = []): string[][] {
  if (!schema) return [];
  const paths: string[][] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    paths.push([...prefix, key], ...fieldPaths(child, [...prefix, key]));
  }
  if (schema.items) paths.push(...fieldPaths(schema.items, [...prefix, '0']));
  return paths;
}

/** A copy of `value` with the field at `path` set (or removed, for undefined), making the way. */
function withField(value: unknown, path: string[], field: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return field;
  const container: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : typeof value === 'object' && value !== null && !(value instanceof Raw)
      ? { ...(value as Record<string, unknown>) }
      : {};
  const next = withField(container[head], rest, field);
  if (next === undefined) delete container[head];
  else container[head] = next;
  return container;
}

const UNKNOWN_KEYS = [
  'role',
  'isAdmin',
  'userId',
  '__proto__',
  'constructor',
  '\u0000',
  '\ud800',
  '',
  'a'.repeat(1000),
  'prototype',
];

/** Percent-encodes a path segment or query value; a lone surrogate becomes its (invalid) CESU-8 bytes. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((c) => {
        const unit = c.charCodeAt(0);
        if (c.length === 1 && unit >= 0xd800 && unit <= 0xdfff)
          return `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`;
        return encodeURIComponent(c);
      })
      .join('')
      .toUpperCase();
  }
}

/** Already-encoded path segments and query values: bad escapes, traversal, encoded NUL and slash. */
const RAW_SEGMENTS = [
  '%',
  '%zz',
  '%00',
  '%FF',
  '%C0%AF',
  '..',
  '.',
  '%2F',
  '%2e%2e',
  '%ED%A0%80',
  'a%00b',
  '%E2%80%AE',
];

const asQueryValue = (value: unknown) => (typeof value === 'string' ? value : toJson(value).replace(/^"|"$/g, ''));

const short = (value: unknown) => {
  const text = value instanceof Raw ? `raw ${value.json.length} chars: ${value.json.slice(0, 20)}…` : toJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}… (${text.length} chars)` : text;
};

type Parts = {
  path: Record<string, string>;
  query: Array<[string, string]>;
  body: { contentType: string | undefined; payload: string | Buffer | undefined } | undefined;
  label: string;
};

/** Requests for one operation: valid by the schema or spoiled in one place. */
export function requestsFor(operation: Operation, pool: IdPool): fc.Arbitrary<FuzzRequest> {
  const segments = operation.path.split('/');
  const segmentBefore = (name: string) =>
    segments.slice(0, segments.indexOf(`{${name}}`)).findLast((s) => s !== '' && !s.startsWith('{')) ?? '';
  const validPath = fc.record(
    Object.fromEntries(
      operation.pathParams.map((p) => [
        p.name,
        plausible(p.schema, pool, [p.name, segmentBefore(p.name)]).map((v) => encode(asQueryValue(v))),
      ]),
    ),
  );
  const validQuery = fc
    .tuple(
      ...operation.queryParams.map((p) =>
        fc.option(
          plausible(p.schema, pool, [p.name]).map((v) => [p.name, encode(asQueryValue(v))] as [string, string]),
          { nil: undefined },
        ),
      ),
    )
    .map((pairs) => pairs.filter((pair): pair is [string, string] => pair !== undefined));
  const json = operation.body?.contentTypes.includes('application/json') ? operation.body : undefined;
  const bytes = operation.body && !json ? operation.body : undefined;
  const jsonBody = (value: unknown) => ({ contentType: 'application/json', payload: toJson(value) });
  const noBody = !json?.schema?.properties && [json?.schema?.type].flat().includes('null');
  const validBody: fc.Arbitrary<Parts['body']> = json
    ? noBody
      ? fc.constantFrom(undefined, { contentType: 'application/json', payload: '{}' })
      : plausible(json.schema ?? {}, pool).map(jsonBody)
    : bytes
      ? fc
          .oneof(
            fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
            fc.constant(PNG),
          )
          .chain((payload) => fc.constantFrom(...bytes.contentTypes).map((contentType) => ({ contentType, payload })))
      : fc.constant(undefined);
  const valid: fc.Arbitrary<Parts> = fc.record({
    path: validPath,
    query: validQuery,
    body: validBody,
    label: fc.constant('valid'),
  });

  // A third or more of the requests are valid by the schema, to reach the code behind it.
  const spoilers: Array<fc.WeightedArbitrary<Parts>> = [{ arbitrary: valid, weight: 4 }];
  const spoil = (arbitrary: fc.Arbitrary<Parts>) => spoilers.push({ arbitrary, weight: 1 });
  if (operation.pathParams.length > 0) {
    const odd = fc.oneof(
      fc.constantFrom(...ODD_IDS).map(encode),
      fc.constantFrom(...ODD_TEXT).map(encode),
      fc.constantFrom(...RAW_SEGMENTS),
      fc.string({ unit: 'binary', maxLength: 20 }).map(encode),
    );
    spoil(
      fc.tuple(valid, fc.constantFrom(...operation.pathParams.map((p) => p.name)), odd).map(([parts, name, value]) => ({
        ...parts,
        path: { ...parts.path, [name]: value },
        label: `path ${name}=${value.slice(0, 60)}`,
      })),
    );
  }
  const oddQueryValue = fc
    .oneof(
      fc.constantFrom(...ODD_IDS),
      fc.constantFrom(...ODD_TEXT),
      fc.constantFrom('x'.repeat(10_000)),
      fc.string({ unit: 'binary', maxLength: 20 }),
    )
    .map(encode);
  const queryName = fc.constantFrom(
    ...operation.queryParams.map((p) => p.name),
    'unknown',
    'a[b][c]',
    '__proto__',
    '%00',
  );
  spoil(
    fc
      .tuple(valid, queryName, fc.oneof(oddQueryValue, fc.constantFrom(...RAW_SEGMENTS)), fc.boolean())
      .map(([parts, name, value, twice]) => ({
        ...parts,
        query: twice
          ? ([...parts.query, [name, value], [name, value]] as Array<[string, string]>)
          : [...parts.query.filter(([n]) => n !== name), [name, value] as [string, string]],
        label: `query ${name}=${value.slice(0, 60)}${twice ? ' (twice)' : ''}`,
      })),
  );
  if (json) {
    const paths = fieldPaths(json.schema);
    const bodyOf = (parts: Parts) =>
      parts.body?.payload === undefined ? {} : (JSON.parse(parts.body.payload.toString()) as unknown);
    if (paths.length > 0) {
      spoil(
        fc.tuple(valid, fc.constantFrom(...paths), hostileValue).map(([parts, path, value]) => ({
          ...parts,
          body: jsonBody(withField(bodyOf(parts), path, value)),
          label: `body ${path.join('.')} = ${short(value)}`,
        })),
      );
      const required = paths.filter((path) => {
        let schema: JsonSchema | undefined = json.schema;
        for (const key of path.slice(0, -1)) schema = key === '0' ? schema?.items : schema?.properties?.[key];
        return schema?.required?.includes(path.at(-1)!) ?? false;
      });
      if (required.length > 0) {
        spoil(
          fc.tuple(valid, fc.constantFrom(...required)).map(([parts, path]) => ({
            ...parts,
            body: jsonBody(withField(bodyOf(parts), path, undefined)),
            label: `body without ${path.join('.')}`,
          })),
        );
      }
    }
    spoil(
      fc.tuple(valid, fc.constantFrom(...UNKNOWN_KEYS), hostileValue).map(([parts, key, value]) => ({
        ...parts,
        body: { contentType: 'application/json', payload: toJson({ ...(bodyOf(parts) as object), [key]: value }) },
        label: `body extra ${short(key)} = ${short(value)}`,
      })),
    );
    spoil(
      fc.tuple(valid, fc.oneof(hostileValue, fc.constantFrom(...RAW_BODIES))).map(([parts, value]) => ({
        ...parts,
        body: jsonBody(value),
        label: `whole body ${short(value)}`,
      })),
    );
  }
  if (json || bytes) {
    spoil(
      fc
        .tuple(
          valid,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin1',
            'image/png',
            'application/json',
            'application/problem+json',
            '',
          ),
        )
        .map(([parts, contentType]) => ({
          ...parts,
          body: { contentType, payload: parts.body?.payload ?? '{}' },
          label: `content type ${contentType || 'none'}`,
        })),
    );
  }

  return fc.oneof(...spoilers).map((parts) => {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => parts.path[name] ?? '');
    const query = parts.query.map(([k, v]) => `${encode(k)}=${v}`).join('&');
    return {
      method: operation.method,
      url: query ? `${path}?${query}` : path,
      contentType: parts.body?.contentType,
      payload: parts.body?.payload,
      label: parts.label,
    };
  });
}

/** Whole bodies that are not what any route takes: broken JSON, prototype keys, duplicates. */
const RAW_BODIES: readonly Raw[] = [
  '{',
  '{"a":}',
  '[',
  '"\\ud800"',
  '{"a":"\\u0000"}',
  '\ufeff{}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":1,"a":2}',
  '1e999',
  '-',
  'nul',
  '{"a":1}garbage',
  ' ',
  '',
].map((json) => new Raw(json));
