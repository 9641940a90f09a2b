import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import { obj, type RouteApp } from '../../schemas.ts';

export async function healthRoutes(app: RouteApp): Promise<void> {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Answers 200 once the server can serve (database reachable).',
        response: {
          200: obj({ status: { type: 'string' }, database: { type: 'string' } }),
          503: { $ref: 'ErrorResponse#' },
        },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(app.souk.db);
      } catch (error) {
        throw new AppError('SERVICE_UNAVAILABLE', { cause: error });
      }
      return { status: 'ok', database: app.souk.database.engine };
    },
  );
}
