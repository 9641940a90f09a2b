// Route schemas compiled lazily still validate and serialise exactly, and a broken one is found by
// compileRouteSchemas (which the server runs after listen), not only by the first request to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifySchemaValidationError } from 'fastify';
import { createLazyCompilers } from './lazy-compilers.ts';

function appWith(compilers: ReturnType<typeof createLazyCompilers>) {
  const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } } });
  app.setValidatorCompiler(() =>
    compilers.validator(() => {
      const validate = (data: unknown) => {
        const ok = typeof data === 'object' && data !== null && typeof (data as { n?: unknown }).n === 'number';
        validate.errors = ok
          ? null
          : [{ instancePath: '/n', message: 'must be number', keyword: 'type', schemaPath: '#', params: {} }];
        return ok;
      };
      validate.errors = null as null | FastifySchemaValidationError[];
      return validate;
    }),
  );
  return app;
}

test('lazy route schemas: same answers, compiled once, broken ones found by warm()', async () => {
  const compilers = createLazyCompilers();
  const app = appWith(compilers);
  app.post(
    '/echo',
    {
      schema: {
        body: { type: 'object' },
        response: {
          200: { type: 'object', additionalProperties: false, required: ['n'], properties: { n: { type: 'number' } } },
        },
      },
    },
    async (request) => ({ ...(request.body as object), secret: 'not serialised' }),
  );
  await app.ready();

  const ok = await app.inject({ method: 'POST', url: '/echo', payload: { n: 2 } });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.body, '{"n":2}', 'the response schema drops what it does not list');
  const bad = await app.inject({ method: 'POST', url: '/echo', payload: { n: 'two' } });
  assert.equal(bad.statusCode, 400, 'the validator, compiled on first use, refuses bad input');
  assert.match(bad.body, /must be number/);
  await compilers.warm();
  await app.close();

  const broken = createLazyCompilers();
  const brokenApp = appWith(broken);
  brokenApp.get('/broken', { schema: { response: { 200: { $ref: 'Missing#' } } } }, async () => ({}));
  await brokenApp.ready();
  await assert.rejects(broken.warm(), 'a response schema that cannot compile is reported');
  await brokenApp.close();
});
