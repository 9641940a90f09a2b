// A worker process for the refund crash test: sends one request to the API as a signed-in seller
// (accepting a return, which refunds), through an app whose payment provider keeps its records in
// files (CHARGE_LEDGER_DIR: they outlive this process, as a real provider's do). At the point named
// by the first argument the provider stops answering and the worker prints one JSON line; the test
// kills it there with SIGKILL:
//   refunded   the provider has refunded; Souk has not heard back (so has recorded nothing)
//   refunding  Souk has written the refund; the provider has not received it
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/app.ts';
import { TestPaymentProvider } from '../../src/modules/payments/provider.ts';
import { Client } from './app.ts';
import { FileChargeLedger } from './file-charge-ledger.ts';

const [stop, url, body] = process.argv.slice(2) as ['refunded' | 'refunding', string, string];
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const never = () => new Promise<never>(() => {});

const provider = new TestPaymentProvider({ ledger: new FileChargeLedger(process.env.CHARGE_LEDGER_DIR!) });
const refund = provider.refund.bind(provider);
provider.refund = async (request) => {
  if (stop === 'refunding') {
    say({ event: 'refunding', idempotencyKey: request.idempotencyKey });
    await never();
  }
  await refund(request);
  say({ event: 'refunded', idempotencyKey: request.idempotencyKey });
  return never();
};
const config = loadConfig({ ...process.env, NODE_ENV: 'test', RUN_JOBS: 'false', SEED_DEMO: 'false' });
const app = await buildApp(config, { payments: provider });
await app.ready();
const seller = new Client(app);
seller.cookies = new Map(JSON.parse(process.env.SOUK_COOKIES!) as Array<[string, string]>);
say({ event: 'started' });
const res = await seller.request('POST', url, JSON.parse(body));
// Reached only when the provider answered: the test expected a kill before.
say({ event: 'answered', status: res.statusCode, body: res.body });
await app.close();
