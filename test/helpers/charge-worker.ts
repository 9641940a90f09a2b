// A worker process for the charge crash test: sends one request to the API as a signed-in buyer,
// through an app whose payment provider keeps its charges in files (CHARGE_LEDGER_DIR: they outlive
// this process, as a real provider's do). At the point named by the first argument the provider
// stops answering and the worker prints one JSON line; the test kills it there with SIGKILL:
//   charged   the provider has charged; Souk has not heard back (so has recorded nothing)
//   charging  Souk has written the attempt; the provider has not received it
// Configuration comes from the environment, as for the server; the buyer's cookies from SOUK_COOKIES.
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/app.ts';
import { TestPaymentProvider } from '../../src/modules/payments/provider.ts';
import { Client } from './app.ts';
import { FileChargeLedger } from './file-charge-ledger.ts';
import { behindNetwork } from './payments.ts';

const [stop, method, url, body] = process.argv.slice(2) as ['charged' | 'charging', 'POST', string, string];
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const never = () => new Promise<never>(() => {});

const payments = behindNetwork(
  new TestPaymentProvider({ ledger: new FileChargeLedger(process.env.CHARGE_LEDGER_DIR!) }),
  {
    async beforeCharge(request) {
      if (stop !== 'charging') return;
      say({ event: 'charging', idempotencyKey: request.idempotencyKey });
      await never();
    },
    async afterCharge(request) {
      if (stop !== 'charged') return;
      say({ event: 'charged', idempotencyKey: request.idempotencyKey });
      await never();
    },
  },
);
const config = loadConfig({ ...process.env, NODE_ENV: 'test', RUN_JOBS: 'false', SEED_DEMO: 'false' });
const app = await buildApp(config, { payments });
await app.ready();
const buyer = new Client(app);
buyer.cookies = new Map(JSON.parse(process.env.SOUK_COOKIES!) as Array<[string, string]>);
say({ event: 'started' });
const res = await buyer.request(method, url, JSON.parse(body));
// Reached only when the provider answered: the test expected a kill before.
say({ event: 'answered', status: res.statusCode, body: res.body });
await app.close();
