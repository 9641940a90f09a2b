// Every operation of the served OpenAPI document, fuzzed (test/helpers/fuzz-routes.ts): no input
// gets a 5xx, and no refused one changes a table or a stored file. A few requests per route with
// a fixed seed here; `node scripts/fuzz-routes.ts <count>` runs as many as asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFuzzWorld, fuzzRoutes, summarizeFindings } from './helpers/fuzz-routes.ts';

const RUNS_PER_ROUTE = 12;
const SEED = 15;

test('no route answers 5xx or changes anything when it refuses input', { timeout: 120_000 }, async (t) => {
  const { testApp, clients } = await createFuzzWorld();
  t.after(testApp.close);
  const report = await fuzzRoutes(testApp.app, clients, { runs: RUNS_PER_ROUTE, seed: SEED });
  t.diagnostic(
    `${report.requests} requests to ${report.operations} operations on ${testApp.engine}: ${JSON.stringify(report.statuses)}`,
  );
  assert.ok(report.operations > 100, 'every documented operation is fuzzed');
  assert.equal(report.findings.length, 0, `findings:\n${summarizeFindings(report.findings)}`);
});
