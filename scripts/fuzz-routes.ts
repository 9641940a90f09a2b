// node scripts/fuzz-routes.ts [count] [--seed N] [--only REGEX] [--json]
// The route fuzz of test/fuzz-routes.test.ts with `count` requests per operation (default 200):
// a throwaway Souk (in-memory PGlite, or a database created next to DATABASE_URL and dropped
// after), every operation of its OpenAPI document, strangers, a member and staff. Prints each
// finding (a 5xx, or a 4xx that changed a table or a file) and exits 1 when there is any.
import { parseArgs } from 'node:util';
import { createFuzzWorld, fuzzRoutes, summarizeFindings } from '../test/helpers/fuzz-routes.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: '15' },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(positionals[0] ?? 200);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error(
    'usage: node scripts/fuzz-routes.ts [requests per operation, default 200] [--seed N] [--only REGEX] [--json]',
  );
  process.exit(2);
}

const started = Date.now();
const { testApp, clients } = await createFuzzWorld();
try {
  const report = await fuzzRoutes(testApp.app, clients, {
    runs,
    seed,
    ...(values.only ? { only: new RegExp(values.only) } : {}),
    progress: (operation, done, total) =>
      process.stderr.write(`\r${done}/${total} ${operation}`.padEnd(100).slice(0, 100)),
  });
  process.stderr.write('\n');
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(
      `${report.requests} requests to ${report.operations} operations on ${testApp.engine} (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    console.log(`statuses: ${JSON.stringify(report.statuses)}`);
    console.log(
      `operations no request got a 2xx from (${report.neverAccepted.length}): ${report.neverAccepted.join(', ') || 'none'}`,
    );
    console.log(report.findings.length === 0 ? 'no findings' : summarizeFindings(report.findings));
  }
  process.exitCode = report.findings.length === 0 ? 0 : 1;
} finally {
  await testApp.close();
}
