// Every route declares its responses, and every state-changing route its body: a route added
// without them stops the app at start, naming the route (src/plugins/route-schemas.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { RouteSchemaError } from '../src/plugins/route-schemas.ts';
import { Client, PUBLIC_URL, createTestApp, createTestDatabase } from './helpers/app.ts';

const WEB_BUILT = fs.existsSync(fileURLToPath(new URL('../web/dist/index.html', import.meta.url)));

/** The real app, built but not started: routes can still be added to it. */
async function unstartedApp() {
  const testDb = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    PUBLIC_URL,
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...(testDb.url ? { DATABASE_URL: testDb.url } : {}),
  });
  const app = await buildApp(config, { database: testDb.database, deferJobs: true });
  return {
    app,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

const refused = (method: string, url: string, missing: string) => (error: unknown) =>
  error instanceof RouteSchemaError && error.message.includes(`${method} ${url} has no ${missing}`);

test('a route without schemas cannot be added to the app', async (t) => {
  const { app, close } = await unstartedApp();
  t.after(close);
  const handler = async () => null;
  const noContent = { 204: { type: 'null' } };

  assert.throws(
    () => app.get('/api/test/no-response', handler),
    refused('GET', '/api/test/no-response', 'schema.response'),
  );
  assert.throws(
    () => app.post('/api/test/no-body', { schema: { response: noContent } }, handler),
    refused('POST', '/api/test/no-body', 'schema.body'),
  );
  for (const method of ['put', 'patch', 'delete'] as const) {
    assert.throws(
      () => app[method]('/api/test/no-body', { schema: { response: noContent } }, handler),
      refused(method.toUpperCase(), '/api/test/no-body', 'schema.body'),
    );
  }
  assert.throws(
    () => app.post('/api/test/nothing', handler),
    refused('POST', '/api/test/nothing', 'schema.response and no schema.body'),
  );
  // Registered with a schema, the same routes are accepted.
  app.get('/api/test/described', { schema: { response: { 200: { type: 'string' } } } }, handler);
  app.post('/api/test/described', { schema: { body: { type: 'object' }, response: noContent } }, handler);
});

test('an exemption never covers a state-changing route', async (t) => {
  const { app, close } = await unstartedApp();
  t.after(close);
  // The Swagger UI's scope (prefix /api/docs) may serve pages without a response schema, but a
  // POST in it still needs both.
  await assert.rejects(
    async () => {
      await app.register(
        async (docs) => {
          docs.post('/extra', async () => null);
        },
        { prefix: '/api/docs' },
      );
    },
    refused('POST', '/api/docs/extra', 'schema.response and no schema.body'),
  );
});

test('the app as built passes the check and documents every body; the exempt routes still answer', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, { requestBody?: { required: boolean; content: object } }>>;
  };
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (['post', 'put', 'patch', 'delete'].includes(method))
        assert.ok(operation.requestBody, `${method} ${path} documents its body`);
    }
  }
  assert.equal(
    doc.paths['/api/auth/sign-out']!.post!.requestBody!.required,
    false,
    'a route that takes no body documents it as optional',
  );
  assert.equal(doc.paths['/api/auth/sign-up']!.post!.requestBody!.required, true);
  assert.deepEqual(Object.keys(doc.paths['/api/reviews/{id}/photos']!.post!.requestBody!.content), [
    'image/jpeg',
    'image/png',
    'image/webp',
  ]);
  assert.equal((await app.inject({ method: 'GET', url: '/dev/mailbox' })).statusCode, 200);
  if (WEB_BUILT) assert.equal((await new Client(app).get('/index.html')).statusCode, 200);
  else t.diagnostic('web/dist is not built (npm test builds it): the web app files were not checked');
});

type RequestSchema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  properties?: Record<string, RequestSchema>;
  items?: RequestSchema;
};

/** Where a request schema takes values with no bound the database shares (decision 034). */
function unboundedValues(schema: RequestSchema, where: string): string[] {
  if (schema.enum) return [];
  const types = [schema.type].flat();
  const found: string[] = [];
  const int4 = (n: number | undefined) => typeof n === 'number' && n >= -(2 ** 31) && n <= 2 ** 31 - 1;
  if ((types.includes('integer') || types.includes('number')) && !(int4(schema.minimum) && int4(schema.maximum)))
    found.push(`${where}: a number without minimum and maximum within PostgreSQL's integer`);
  // A fixed-length anchored pattern (^[A-Z]{2}$) bounds a string as well as maxLength does.
  const fixedPattern = schema.pattern !== undefined && /^\^[^+*]*\$$/.test(schema.pattern);
  if (
    types.includes('string') &&
    schema.maxLength === undefined &&
    !fixedPattern &&
    !['uuid', 'date-time'].includes(schema.format ?? '')
  )
    found.push(`${where}: a string without maxLength`);
  if (types.includes('array') && schema.maxItems === undefined) found.push(`${where}: an array without maxItems`);
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    found.push(...unboundedValues(child, `${where}.${key}`));
  if (schema.items) found.push(...unboundedValues(schema.items, `${where}[]`));
  return found;
}

test('every value a route takes is bounded: numbers within PostgreSQL integers, strings and arrays by length', async (t) => {
  const { app, close } = await createTestApp();
  t.after(close);
  type Operation = {
    parameters?: Array<{ in: string; name: string; schema: RequestSchema }>;
    requestBody?: { content: Record<string, { schema?: RequestSchema }> };
  };
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  const found: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const parameter of operation.parameters ?? [])
        found.push(...unboundedValues(parameter.schema, `${method} ${path} ${parameter.in} ${parameter.name}`));
      const body = operation.requestBody?.content['application/json']?.schema;
      if (body) found.push(...unboundedValues(body, `${method} ${path} body`));
    }
  }
  assert.deepEqual(found, []);
});
