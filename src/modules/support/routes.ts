// Customer support for the signed-in person: open a ticket, list and read their own, reply.
// Another person's ticket answers 404, exactly like one that does not exist.
import { errorResponses, NoBodySchema, obj, type RouteApp } from '../../schemas.ts';
import { requireUser } from '../auth/index.ts';

import { closeAsRequester, getTicket, listTickets, openTicket, replyAsRequester } from './service.ts';
import { BodySchema, ListQuerySchema, NewTicketBody, TicketListSchema, TicketParams, TicketSchema } from './schemas.ts';

export async function supportRoutes(app: RouteApp): Promise<void> {
  const ctx = app.souk;
  const auth = { onRequest: requireUser };

  app.get(
    '/api/support/tickets',
    {
      ...auth,
      schema: {
        tags: ['support'],
        summary: 'Your support tickets, most recent activity first.',
        querystring: ListQuerySchema,
        response: { 200: TicketListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, status } = request.query;
      return listTickets(
        ctx.db,
        { requesterId: request.user.id },
        { page, pageSize, ...(status && status !== 'all' ? { status } : {}) },
      );
    },
  );

  app.post(
    '/api/support/tickets',
    {
      ...auth,
      schema: {
        tags: ['support'],
        summary: 'Open a support ticket, optionally about one of your orders (404 for an order that is not yours).',
        body: NewTicketBody,
        response: { 201: TicketSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await openTicket(ctx, request.user, request.body);
      reply.code(201);
      return getTicket(ctx.db, id, request.user.id);
    },
  );

  app.get(
    '/api/support/tickets/:id',
    {
      ...auth,
      schema: {
        tags: ['support'],
        summary: 'One of your tickets with its messages.',
        params: TicketParams,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    (request) => getTicket(ctx.db, request.params.id, request.user.id),
  );

  app.post(
    '/api/support/tickets/:id/messages',
    {
      ...auth,
      schema: {
        tags: ['support'],
        summary: 'Reply on one of your tickets; the ticket becomes "open" again, also when it was resolved.',
        params: TicketParams,
        body: obj({ body: BodySchema }),
        response: { 201: TicketSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await replyAsRequester(ctx, request.user, request.params.id, request.body.body);
      reply.code(201);
      return getTicket(ctx.db, request.params.id, request.user.id);
    },
  );

  app.post(
    '/api/support/tickets/:id/close',
    {
      ...auth,
      schema: {
        tags: ['support'],
        summary:
          'Close one of your tickets when you need nothing more (it becomes "resolved"; replying opens it again).',
        params: TicketParams,
        body: NoBodySchema,
        response: { 200: TicketSchema, ...errorResponses },
      },
    },
    async (request) => {
      await closeAsRequester(ctx.db, request.user, request.params.id);
      return getTicket(ctx.db, request.params.id, request.user.id);
    },
  );
}
