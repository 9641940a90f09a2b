// GET /metrics (decision 041): registered only when METRICS is on. This machine's own scraper (a
// loopback address, no proxy in between) needs no token; any other caller sends METRICS_TOKEN as a
// bearer token, compared in constant time, and finds nothing at all (404) when none is configured.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { bytesReply, errorResponses, type RouteApp } from '../../schemas.ts';
import { isLoopback } from '../mail/index.ts';
import type { Metrics } from './metrics.ts';

export const METRICS_PATH = '/metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Same length whatever was sent, so the comparison's time says nothing about the token. */
const sameToken = (sent: string, token: string) => timingSafeEqual(digest(sent), digest(token));

/**
 * A caller on this machine: a loopback address and no forwarding header. A reverse proxy on the
 * same host connects from loopback too; what it forwards is someone else's request.
 */
const fromThisMachine = (request: FastifyRequest) =>
  isLoopback(request.ip) && request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;

export async function metricsRoutes(app: RouteApp, options: { metrics: Metrics }): Promise<void> {
  const { metrics } = options;
  const { token } = app.souk.config.metrics;
  app.get(
    METRICS_PATH,
    {
      onRequest: async (request, reply) => {
        if (fromThisMachine(request)) return;
        if (token === undefined) throw new AppError('NOT_FOUND');
        const sent = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (sent === undefined || !sameToken(sent, token)) {
          reply.header('www-authenticate', 'Bearer');
          throw new AppError('METRICS_UNAUTHORIZED');
        }
      },
      schema: {
        tags: ['operations'],
        summary:
          'Prometheus metrics (text format): requests by route template, database pool, job queues, mail backlog, deletions, erasure.',
        response: {
          200: {
            description: 'Prometheus text exposition format 0.0.4',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (_request, reply) => {
      const text = await metrics.scrape();
      return bytesReply(reply).header('cache-control', 'no-store').type(metrics.contentType).send(text);
    },
  );
}
