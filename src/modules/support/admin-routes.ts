// The management console's API (/api/admin): who am I as staff, and support tickets.
// Every route needs the support role (staff may do everything); no one else gets past 401/403.
import { errorResponses, obj, type RouteApp } from '../../schemas.ts';
import { requireRole } from '../roles/index.ts';

import { getTicketForStaff, listTickets, replyAsStaff, setTicketStatus } from './service.ts';
import {
  AdminTicketListSchema,
  AdminTicketSchema,
  BodySchema,
  ListQuerySchema,
  StatusSchema,
  TicketParams,
} from './schemas.ts';

export async function adminSupportRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  const support = { onRequest: requireRole('support') };

  app.get(
    '/api/admin/tickets',
    {
      ...support,
      schema: {
        tags: ['admin'],
        summary: 'Support tickets, most recent activity first; filter by status (default: open).',
        querystring: ListQuerySchema,
        response: { 200: AdminTicketListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, status = 'open' } = request.query;
      return listTickets(ctx.db, { staff: true }, { page, pageSize, ...(status !== 'all' ? { status } : {}) });
    },
  );

  app.get(
    '/api/admin/tickets/:id',
    {
      ...support,
      schema: {
        tags: ['admin'],
        summary: 'One ticket with its requester and messages.',
        params: TicketParams,
        response: { 200: AdminTicketSchema, ...errorResponses },
      },
    },
    (request) => getTicketForStaff(ctx.db, request.params.id),
  );

  app.post(
    '/api/admin/tickets/:id/messages',
    {
      ...support,
      schema: {
        tags: ['admin'],
        summary:
          'Answer a ticket as Souk support: it becomes "waiting for customer" (or "resolved"), and the requester is mailed.',
        params: TicketParams,
        body: obj({ body: BodySchema, status: { type: 'string', enum: ['waiting_for_customer', 'resolved'] } }, [
          'body',
        ]),
        response: { 201: AdminTicketSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await replyAsStaff(ctx, request.user.id, request.params.id, request.body.body, request.body.status);
      reply.code(201);
      return getTicketForStaff(ctx.db, request.params.id);
    },
  );

  app.patch(
    '/api/admin/tickets/:id',
    {
      ...support,
      schema: {
        tags: ['admin'],
        summary: "Change a ticket's status.",
        params: TicketParams,
        body: obj({ status: StatusSchema }),
        response: { 200: AdminTicketSchema, ...errorResponses },
      },
    },
    async (request) => {
      await setTicketStatus(ctx.db, request.params.id, request.body.status);
      return getTicketForStaff(ctx.db, request.params.id);
    },
  );
}
