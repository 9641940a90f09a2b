// Reads config, builds the app, listens. Nothing else.
import { ConfigError, loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { seedDemoIfEmpty } from './modules/catalog/demo.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const app = await buildApp(config);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}
await app.listen({ port: config.port, host: config.host });

if (config.seedDemo) {
  // After listening, so the first start answers at once while the demo catalog fills in.
  seedDemoIfEmpty(app.souk).then(
    (seeded) => seeded && app.log.info('seeded the demo marketplace (see README for the demo accounts)'),
    (error: unknown) => app.log.error({ err: error }, 'could not seed the demo marketplace'),
  );
}
