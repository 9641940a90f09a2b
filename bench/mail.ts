// Question (issue 15, decision 032): does mail keep up with a burst of orders, and does security
// mail overtake the burst? A local SMTP server (`smtp-server`) runs in a child process.
// 1. mail-throughput: N order notifications written to the outbox in one transaction (a burst of
//    orders), then delivered by Souk's delivery loop (claim, pooled SMTP, record) until the outbox
//    is empty; the baseline sends the same N mails straight through nodemailer with the same pool
//    settings (Souk's own SMTP transport, no database), in the same run, in A B B A order.
// 2. mail-priority: 1,000 notifications queued and flowing, then a password reset requested through
//    POST /api/auth/forgot-password: how long until the SMTP server has the reset mail, also as a
//    ratio to sending one mail directly over a warm pool.
// Runs alone: `node bench/mail.ts [pglite|postgres]`; `npm run bench` calls benchMail per engine.
// BENCH_SMTP_DELAY_MS=100 has the server take 100 ms to accept each mail, as a remote relay does;
// BENCH_MAIL_COUNT (default 2,000) and MAIL_CONCURRENCY (default Souk's) change the rest.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { Engine } from '../src/db/database.ts';
import { createSmtpTransport, type MailTransport } from '../src/modules/mail/index.ts';
import { orderMailTemplates } from '../src/modules/orders/index.ts';
import { benchConfig, signUpVerified } from './lib/app.ts';
import { openBenchDatabase, postgresUnavailableReason, PGLITE_THREAD } from './lib/engines.ts';
import { startSmtpChild, type SmtpChild } from './lib/smtp.ts';
import { emit, freePort, threadCpuMicros } from './lib/util.ts';
import { median, round } from './lib/stats.ts';

const MAILS = Number(process.env.BENCH_MAIL_COUNT ?? 2000);
/** Milliseconds the SMTP server takes to accept each mail (a remote relay); 0, a local one. */
const SMTP_DELAY_MS = Number(process.env.BENCH_SMTP_DELAY_MS ?? 0);
const BACKLOG = 1000;
const PRIORITY_ROUNDS = 3;
const THROUGHPUT_PAIRS = 4;
const RESET_SUBJECT = 'Reset your Souk password';

const notification = orderMailTemplates.shipped('en', {
  number: 'SK-240117-0042',
  storeName: 'Lantern Goods',
  carrier: 'Parcelnet',
  trackingNumber: 'PN123456789',
  trackUrl: 'http://127.0.0.1/track/PN123456789',
});
const addressOf = (label: string, i: number) => `${label}-${i}@bench.souk.localhost`;

/** Writes `count` notifications to the outbox in one transaction, as a burst of orders would; returns their ids and the seconds it took. */
async function enqueueBurst(
  app: FastifyInstance,
  label: string,
  count: number,
): Promise<{ ids: string[]; seconds: number }> {
  const started = performance.now();
  const ids = await app.souk.db.transaction().execute(async (trx) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++)
      out.push(
        (await app.souk.mail.enqueue(trx, {
          to: addressOf(label, i),
          userId: null,
          kind: 'order_updates',
          mail: notification,
        }))!,
      );
    return out;
  });
  return { ids, seconds: (performance.now() - started) / 1000 };
}

/** Seconds for Souk to deliver a burst of `count` already in the outbox, from the wake-up to the last row recorded. */
async function deliverThroughOutbox(
  app: FastifyInstance,
  smtp: SmtpChild,
  label: string,
  count: number,
): Promise<Run & { enqueueSeconds: number }> {
  const { ids, seconds: enqueueSeconds } = await enqueueBurst(app, label, count);
  const before = smtp.received.length;
  const cpu = threadCpuMicros();
  const started = performance.now();
  await app.souk.mail.dispatch(ids);
  await app.souk.mail.sweep();
  const seconds = (performance.now() - started) / 1000;
  const cpuMicrosPerMail = (threadCpuMicros() - cpu) / count;
  // A failed attempt would leave the drain with mail in back-off: the run would not be comparable.
  const failed = await app.souk.db
    .selectFrom('mail_outbox')
    .select('id')
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .execute();
  if (failed.length > 0) throw new Error(`${failed.length} of ${count} mails were not delivered`);
  // The server's notices come over IPC, which may trail its SMTP replies.
  await smtp.waitForCount(before + count, 10_000);
  return { seconds, cpuMicrosPerMail, enqueueSeconds };
}

/**
 * Seconds for nodemailer alone to send the same mails over the same kind of pool, `window` at a
 * time: as many as Souk's loop holds (in flight and waiting), so the two differ by the database
 * only. (Handing all of them to the pool at once was no faster: nodemailer builds every message
 * up front.)
 */
async function deliverDirectly(
  transport: MailTransport,
  from: string,
  label: string,
  count: number,
  window: number,
): Promise<Run> {
  const cpu = threadCpuMicros();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(window, count) }, async () => {
      while (next < count) {
        const i = next++;
        await transport.send({
          outboxId: randomUUID(),
          from,
          to: addressOf(label, i),
          subject: notification.subject,
          html: notification.html,
          text: notification.text,
        });
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, cpuMicrosPerMail: (threadCpuMicros() - cpu) / count };
}

type Run = { seconds: number; cpuMicrosPerMail: number };

export async function benchMail(engine: Engine): Promise<void> {
  const smtp = await startSmtpChild(SMTP_DELAY_MS);
  const target = await openBenchDatabase(engine, 'mail');
  let app: FastifyInstance | undefined;
  let direct: MailTransport | undefined;
  try {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = benchConfig(target, port, {
      SMTP_URL: smtp.url,
      // To compare pool sizes; unset, Souk's default.
      ...(process.env.MAIL_CONCURRENCY ? { MAIL_CONCURRENCY: process.env.MAIL_CONCURRENCY } : {}),
    });
    // The delivery loop runs as in any process that runs jobs; pg-boss itself is not started (no
    // queue polling beside the mail), since nothing here needs it.
    app = await buildApp(config, { database: target.database, rateLimits: false, deferJobs: true });
    await app.listen({ port, host: '127.0.0.1' });
    const pool = { maxConnections: config.mailConcurrency, maxMessages: config.mailMessagesPerConnection };
    direct = await createSmtpTransport(smtp.url, '127.0.0.1', pool);
    // What Souk's loop holds at most: the mails in flight and four times as many waiting.
    const window = 5 * config.mailConcurrency;

    // Warm both pools (connections open) and both code paths.
    await deliverDirectly(direct, config.mailFrom, 'warm-direct', 100, window);
    await deliverThroughOutbox(app, smtp, 'warm-souk', 100);

    // 1. Throughput: pairs in A B, B A, A B, B A order, so drifting load on the machine hits both
    // paths alike; the ratio is the median of the pairs' ratios.
    const pairs: Array<{ direct: Run; souk: Run & { enqueueSeconds: number } }> = [];
    for (let pair = 0; pair < THROUGHPUT_PAIRS; pair++) {
      const directFirst = pair % 2 === 0;
      const first = directFirst
        ? await deliverDirectly(direct, config.mailFrom, `direct-${pair}`, MAILS, window)
        : await deliverThroughOutbox(app, smtp, `souk-${pair}`, MAILS);
      const second = directFirst
        ? await deliverThroughOutbox(app, smtp, `souk-${pair}`, MAILS)
        : await deliverDirectly(direct, config.mailFrom, `direct-${pair}`, MAILS, window);
      pairs.push(
        directFirst
          ? { direct: first, souk: second as Run & { enqueueSeconds: number } }
          : { direct: second, souk: first as Run & { enqueueSeconds: number } },
      );
    }
    const rate = (r: Run) => MAILS / r.seconds;
    const soukRate = median(pairs.map((p) => rate(p.souk)));
    const thread = engine === 'pglite' ? { pglite_thread: PGLITE_THREAD } : {};
    emit({
      bench: 'mail-throughput',
      engine,
      ...thread,
      mails: MAILS,
      mail_concurrency: config.mailConcurrency,
      smtp_reply_delay_ms: SMTP_DELAY_MS,
      direct_window: window,
      direct_mails_per_s: round(median(pairs.map((p) => rate(p.direct))), 0),
      souk_mails_per_s: round(soukRate, 0),
      ratio_souk_vs_direct: round(median(pairs.map((p) => rate(p.souk) / rate(p.direct)))),
      aim: 'ratio ≥ 0.8',
      ratio_rounds: pairs.map((p) => round(rate(p.souk) / rate(p.direct))),
      // Main-thread CPU per mail: unlike the rates, hardly moved by what else the machine runs. On
      // PGlite the SQL runs on its worker thread and is not in it.
      direct_cpu_us_per_mail: round(median(pairs.map((p) => p.direct.cpuMicrosPerMail)), 0),
      souk_cpu_us_per_mail: round(median(pairs.map((p) => p.souk.cpuMicrosPerMail)), 0),
      enqueue_rows_per_s: round(median(pairs.map((p) => MAILS / p.souk.enqueueSeconds)), 0),
    });

    // 2. A reset behind a backlog. One mail sent directly on the warm pool is the unit.
    const single: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await deliverDirectly(direct, config.mailFrom, `single-${i}`, 1, 1);
      single.push(performance.now() - started);
    }
    const directOneMs = median(single);
    const email = `bench-reset-${process.pid}@souk.localhost`;
    await signUpVerified(app, baseUrl, email);
    await app.souk.mail.sweep(); // the verification mail
    const rounds: Array<{
      delay_ms: number;
      after_response_ms: number;
      backlog_left_at_request: number;
      notifications_before_reset: number;
      backlog_left_when_received: number;
    }> = [];
    for (let round_ = 0; round_ < PRIORITY_ROUNDS; round_++) {
      const label = `backlog-${round_}`;
      const { ids } = await enqueueBurst(app, label, BACKLOG);
      const before = smtp.received.length;
      await app.souk.mail.dispatch(ids);
      // The backlog is flowing: a tenth of it is out.
      await smtp.waitForCount(before + BACKLOG / 10);
      const requested = performance.now();
      const receivedAtRequest = smtp.received.length - before;
      const response = await fetch(`${baseUrl}/api/auth/forgot-password`, {
        method: 'POST',
        headers: { origin: baseUrl, 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      if (response.status !== 202) throw new Error(`forgot-password answered ${response.status}`);
      const answered = performance.now();
      const reset = await smtp.waitFor((m) => m.subject === RESET_SUBJECT && m.at >= requested);
      const index = smtp.received.indexOf(reset);
      const backlogBefore = smtp.received.slice(before, index).length;
      rounds.push({
        delay_ms: round(reset.at - requested, 1),
        after_response_ms: round(reset.at - answered, 1),
        backlog_left_at_request: BACKLOG - receivedAtRequest,
        notifications_before_reset: backlogBefore - receivedAtRequest,
        backlog_left_when_received: BACKLOG - backlogBefore,
      });
      await app.souk.mail.sweep();
    }
    const delay = median(rounds.map((r) => r.delay_ms));
    emit({
      bench: 'mail-priority',
      engine,
      ...thread,
      backlog: BACKLOG,
      mail_concurrency: config.mailConcurrency,
      smtp_reply_delay_ms: SMTP_DELAY_MS,
      reset_delay_ms: round(delay, 1),
      aim: 'reset_delay_ms < 5000',
      direct_one_mail_ms: round(directOneMs, 2),
      ratio_reset_delay_vs_direct_one_mail: round(delay / directOneMs, 1),
      // What oldest-first delivery would have cost: the backlog still queued when the reset was
      // requested, at the delivery rate measured above (an estimate, not a measurement).
      fifo_wait_estimate_ms: round((median(rounds.map((r) => r.backlog_left_at_request)) / soukRate) * 1000, 0),
      rounds,
    });
  } finally {
    direct?.close();
    await app?.close();
    await target.close();
    await smtp.close();
  }
}

if (import.meta.main) {
  emit({ bench: 'machine', cores: os.availableParallelism(), load_avg_1m: round(os.loadavg()[0]!) });
  for (const engine of (process.argv[2] ? [process.argv[2]] : ['pglite', 'postgres']) as Engine[]) {
    const problem = engine === 'postgres' ? await postgresUnavailableReason() : null;
    if (problem) emit({ bench: 'engine', engine, skipped: problem });
    else await benchMail(engine);
  }
  emit({ bench: 'done', load_avg_1m: round(os.loadavg()[0]!) });
}
