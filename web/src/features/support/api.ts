// Customer support: the person's tickets, and the staff's side in the management console.
import { api, send, type QueryOf, type RequestBody, type ResponseBody } from '../../api/client.ts';

export type Ticket = ResponseBody<'/api/support/tickets/{id}', 'get'>;
/** A message of a ticket; staff see who wrote each answer (null once that account is gone). */
export type TicketMessage = Ticket['messages'][number] & Partial<Pick<AdminTicket['messages'][number], 'authorName'>>;
export type TicketCategory = Ticket['category'];
export type TicketStatus = Ticket['status'];
export type AdminTicket = ResponseBody<'/api/admin/tickets/{id}', 'get'>;
export type TicketListQuery = QueryOf<'/api/support/tickets', 'get'> & QueryOf<'/api/admin/tickets', 'get'>;
export type NewTicket = RequestBody<'/api/support/tickets', 'post'>;

export const TICKET_CATEGORIES = [
  'order_problem',
  'seller_problem',
  'account',
  'other',
] as const satisfies readonly TicketCategory[];
export const TICKET_STATUSES = ['open', 'waiting_for_customer', 'resolved'] as const satisfies readonly TicketStatus[];

/** The server's limits (src/modules/support/schemas.ts). */
export const SUBJECT_MAX = 120;
export const BODY_MAX = 5000;

/** Page 1 is the server's default and is left out of the address. */
const listQuery = (query: TicketListQuery): TicketListQuery => ({
  ...query,
  page: query.page !== undefined && query.page > 1 ? query.page : undefined,
});
const byId = (id: string) => ({ params: { path: { id } } });

export const supportApi = {
  listTickets: (query: TicketListQuery, signal?: AbortSignal): Promise<ResponseBody<'/api/support/tickets', 'get'>> =>
    send(api.GET('/api/support/tickets', { params: { query: listQuery(query) }, signal })),
  openTicket: (input: NewTicket): Promise<Ticket> => send(api.POST('/api/support/tickets', { body: input })),
  getTicket: (ticketId: string, signal?: AbortSignal): Promise<Ticket> =>
    send(api.GET('/api/support/tickets/{id}', { ...byId(ticketId), signal })),
  reply: (ticketId: string, body: string): Promise<Ticket> =>
    send(api.POST('/api/support/tickets/{id}/messages', { ...byId(ticketId), body: { body } })),
  close: (ticketId: string): Promise<Ticket> => send(api.POST('/api/support/tickets/{id}/close', byId(ticketId))),
};

export const adminTicketsApi = {
  listTickets: (query: TicketListQuery, signal?: AbortSignal): Promise<ResponseBody<'/api/admin/tickets', 'get'>> =>
    send(api.GET('/api/admin/tickets', { params: { query: listQuery(query) }, signal })),
  getTicket: (ticketId: string, signal?: AbortSignal): Promise<AdminTicket> =>
    send(api.GET('/api/admin/tickets/{id}', { ...byId(ticketId), signal })),
  reply: (ticketId: string, input: RequestBody<'/api/admin/tickets/{id}/messages', 'post'>): Promise<AdminTicket> =>
    send(api.POST('/api/admin/tickets/{id}/messages', { ...byId(ticketId), body: input })),
  setStatus: (ticketId: string, status: TicketStatus): Promise<AdminTicket> =>
    send(api.PATCH('/api/admin/tickets/{id}', { ...byId(ticketId), body: { status } })),
};
