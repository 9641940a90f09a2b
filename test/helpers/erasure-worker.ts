// A worker process for the erasure crash test: processes one deletion request to the end, in small
// batches, printing one JSON line per committed batch; the test kills it (SIGKILL) at random points
// and starts it again. Configuration comes from the environment, as for the server.
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/app.ts';
import { processDeletion } from '../../src/modules/deletion/process.ts';

const requestId = process.argv[2]!;
const batchRows = Number(process.argv[3] ?? 25);
const config = loadConfig({ ...process.env, NODE_ENV: 'test', RUN_JOBS: 'false', SEED_DEMO: 'false' });
const app = await buildApp(config);
await app.ready();
const ctx = app.souk;
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

// This is the only worker: a mail claim left by a killed predecessor is void (a real deployment waits for it to expire).
await ctx.db.updateTable('mail_outbox').set({ claimed_until: null }).where('sent_at', 'is', null).execute();
say({ event: 'started' });
for (;;) {
  const outcome = await processDeletion(ctx, requestId, {
    batchRows,
    onBatch: (state) => say({ event: 'batch', at: state.at }),
  });
  const { status } = await ctx.db
    .selectFrom('deletion_requests')
    .select('status')
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  if (status === 'completed') {
    say({ event: 'completed', outcome });
    break;
  }
  if (status === 'needs_attention') {
    say({ event: 'needs_attention' });
    process.exitCode = 2;
    break;
  }
  // Another worker's lease (a killed one's) has not expired yet.
  await new Promise((resolve) => setTimeout(resolve, 150));
}
// Mail a killed predecessor committed but did not deliver.
for (const { id } of await ctx.db
  .selectFrom('mail_outbox')
  .select('id')
  .where('sent_at', 'is', null)
  .where('failed_at', 'is', null)
  .execute()) {
  await ctx.mail.deliver(id);
}
say({ event: 'done' });
await app.close();
