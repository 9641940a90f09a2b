// Outgoing webhooks through a transactional outbox, like mail (decision 003, decision 019):
// enqueue() writes the event in the caller's transaction; after the commit dispatch() hands its id
// to the delivery job. A failed attempt is retried with exponential back-off; a crash between a
// receiver's 2xx and our record of it means one more delivery with the same event id, so receivers
// de-duplicate on it (at-least-once).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { WebhookConfig } from '../../config.ts';
import type { DB } from '../../db/types.ts';
import type { Jobs } from '../../jobs/runner.ts';
import type { WebhookEvents, WebhookEventType } from './events.ts';
import { SIGNATURE_HEADER, signWebhook } from './signature.ts';
import { postWebhook } from './transport.ts';

export const WEBHOOK_DELIVER_QUEUE = 'webhooks.deliver';
export const WEBHOOK_SWEEP_QUEUE = 'webhooks.sweep';
export const WEBHOOK_PRUNE_QUEUE = 'webhooks.prune';
/** 16 attempts: back-off doubling from 10 s up to 6 h between attempts, ≈ 29 hours in all. */
export const MAX_ATTEMPTS = 16;
const MAX_BACKOFF_SECONDS = 6 * 3600;
/** Delivered events are kept a week (for "did you send it?"), failed ones a month. */
export const DELIVERED_RETENTION_DAYS = 7;
export const FAILED_RETENTION_DAYS = 30;

export type WebhookDeliveryOptions = {
  /** Deadline of one attempt (connect, send, status line); default 10 s. */
  timeoutMs?: number;
  /** Wait after the first failed attempt, doubled after each further one; default 10 s. */
  retryBaseSeconds?: number;
};

type Executor = Kysely<DB> | Transaction<DB>;

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'skipped';

export type WebhookService = {
  /** Writes the event to the outbox in the caller's transaction when WEBHOOK_URL is set; returns its id, else null. */
  enqueue<E extends WebhookEventType>(executor: Executor, type: E, data: WebhookEvents[E]): Promise<string | null>;
  /** After the transaction committed: ask the job queue to deliver these now. */
  dispatch(ids: Array<string | null>): Promise<void>;
  /** One attempt at one event, if it is due and nobody else holds it; safe to call twice. */
  deliver(id: string): Promise<DeliveryOutcome>;
  /** Attempts every due event (left behind by a crash, or whose retry job was lost). */
  sweep(): Promise<number>;
  /** Deletes delivered events after DELIVERED_RETENTION_DAYS and failed ones after FAILED_RETENTION_DAYS. */
  prune(): Promise<number>;
};

export function createWebhookService(deps: {
  db: Kysely<DB>;
  jobs: Jobs | undefined;
  config: WebhookConfig | undefined;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  options?: WebhookDeliveryOptions;
}): WebhookService {
  const { db, jobs, config, log } = deps;
  const timeoutMs = deps.options?.timeoutMs ?? 10_000;
  const retryBaseSeconds = deps.options?.retryBaseSeconds ?? 10;
  // A claim outlives the longest attempt, so a second worker never sends while one is waiting.
  const claimSeconds = Math.ceil(timeoutMs / 1000) + 60;

  const service: WebhookService = {
    async enqueue(executor, type, data) {
      if (!config) return null;
      const row = await executor
        .insertInto('webhook_outbox')
        .values({ event_type: type, data: JSON.stringify(data) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async dispatch(ids) {
      // Without a job queue in this process, the sweep of the process that runs jobs delivers them.
      if (!jobs) return;
      for (const id of ids) if (id) await jobs.send(WEBHOOK_DELIVER_QUEUE, { id });
    },

    async deliver(id) {
      if (!config) return 'skipped';
      const claimed = await db
        .updateTable('webhook_outbox')
        .set({
          next_attempt_at: sql<Date>`now() + make_interval(secs => ${claimSeconds})`,
          attempts: sql<number>`attempts + 1`,
          last_attempt_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .where('delivered_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .returning(['id', 'event_type', 'data', 'created_at', 'attempts'])
        .executeTakeFirst();
      if (!claimed) return 'skipped';

      // Built from the stored row, so every retry sends the same bytes (WebhookBody in events.ts).
      const json = JSON.stringify({
        id: claimed.id,
        type: claimed.event_type,
        createdAt: claimed.created_at.toISOString(),
        data: claimed.data,
      });
      const outcome = await postWebhook(
        config.url,
        {
          'content-type': 'application/json',
          'user-agent': 'Souk-Webhooks/1',
          'souk-event-id': claimed.id,
          'souk-event-type': claimed.event_type,
          [SIGNATURE_HEADER.toLowerCase()]: signWebhook(config.secret, json, Math.floor(Date.now() / 1000)),
        },
        json,
        timeoutMs,
      );

      if (outcome.ok) {
        await db
          .updateTable('webhook_outbox')
          .set({ delivered_at: sql<Date>`now()`, last_status: outcome.status, last_error: null })
          .where('id', '=', id)
          .execute();
        log.info(
          { eventId: id, eventType: claimed.event_type, attempt: claimed.attempts, status: outcome.status },
          'webhook delivered',
        );
        return 'delivered';
      }
      const failed = claimed.attempts >= MAX_ATTEMPTS;
      const backoff = Math.min(MAX_BACKOFF_SECONDS, retryBaseSeconds * 2 ** (claimed.attempts - 1));
      await db
        .updateTable('webhook_outbox')
        .set({
          last_status: outcome.status,
          last_error: outcome.error,
          ...(failed
            ? { failed_at: sql<Date>`now()` }
            : { next_attempt_at: sql<Date>`now() + make_interval(secs => ${backoff})` }),
        })
        .where('id', '=', id)
        .execute();
      log.warn(
        {
          eventId: id,
          eventType: claimed.event_type,
          attempt: claimed.attempts,
          status: outcome.status,
          error: outcome.error,
          retryInSeconds: failed ? null : backoff,
        },
        failed ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry',
      );
      if (failed) return 'failed';
      await jobs?.send(WEBHOOK_DELIVER_QUEUE, { id }, { startAfterSeconds: backoff });
      return 'retrying';
    },

    async sweep() {
      if (!config) return 0;
      const due = await db
        .selectFrom('webhook_outbox')
        .select('id')
        .where('delivered_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('next_attempt_at')
        .limit(100)
        .execute();
      let delivered = 0;
      for (const row of due) if ((await service.deliver(row.id)) === 'delivered') delivered++;
      return delivered;
    },

    async prune() {
      const result = await db
        .deleteFrom('webhook_outbox')
        .where((eb) =>
          eb.or([
            eb('delivered_at', '<', sql<Date>`now() - make_interval(days => ${DELIVERED_RETENTION_DAYS})`),
            eb('failed_at', '<', sql<Date>`now() - make_interval(days => ${FAILED_RETENTION_DAYS})`),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
  return service;
}

/** The delivery queue, the sweep (every minute) and the pruning (hourly). */
export async function registerWebhookJobs(webhooks: WebhookService, jobs: Jobs): Promise<void> {
  await jobs.work<{ id: string }>(WEBHOOK_DELIVER_QUEUE, async ({ id }) => {
    await webhooks.deliver(id);
  });
  await jobs.work(WEBHOOK_SWEEP_QUEUE, async () => {
    await webhooks.sweep();
  });
  await jobs.work(WEBHOOK_PRUNE_QUEUE, async () => {
    await webhooks.prune();
  });
  await jobs.schedule(WEBHOOK_SWEEP_QUEUE, '* * * * *');
  await jobs.schedule(WEBHOOK_PRUNE_QUEUE, '41 * * * *');
}
