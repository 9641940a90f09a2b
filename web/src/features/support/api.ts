// Customer support (the person's tickets), the management console (/api/admin) and the help
// area. Shapes follow src/modules/support/schemas.ts and src/modules/help/routes.ts.
import { request } from '../../api/client.ts';

export const TICKET_CATEGORIES = ['order_problem', 'seller_problem', 'account', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const TICKET_STATUSES = ['open', 'waiting_for_customer', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type StaffRole = 'staff' | 'support';

/** The server's limits (src/modules/support/schemas.ts). */
export const SUBJECT_MAX = 120;
export const BODY_MAX = 5000;

export type TicketMessage = {
  id: string;
  from: 'customer' | 'support';
  body: string;
  /** ISO date-time. */
  createdAt: string;
  /** Staff view only: who wrote it (null once that account is gone). */
  authorName?: string | null;
};

export type TicketSummary = {
  id: string;
  reference: string;
  category: TicketCategory;
  subject: string;
  status: TicketStatus;
  order: { id: string; number: string } | null;
  createdAt: string;
  updatedAt: string;
  lastMessageFrom: 'customer' | 'support';
};

export type Ticket = TicketSummary & { messages: TicketMessage[] };
export type Requester = { id: string; displayName: string; email: string } | null;
export type AdminTicketSummary = TicketSummary & { requester: Requester };
export type AdminTicket = Ticket & { requester: Requester };

export type TicketList<T> = { items: T[]; total: number; page: number; pageSize: number };
export type TicketListQuery = { page?: number; pageSize?: number; status?: TicketStatus | 'all' };
export type NewTicket = { category: TicketCategory; orderId: string | null; subject: string; body: string };

function queryString(query: TicketListQuery): string {
  const params = new URLSearchParams();
  if (query.page !== undefined && query.page > 1) params.set('page', String(query.page));
  if (query.pageSize !== undefined) params.set('pageSize', String(query.pageSize));
  if (query.status !== undefined) params.set('status', query.status);
  const qs = params.toString();
  return qs === '' ? '' : `?${qs}`;
}

const id = (value: string) => encodeURIComponent(value);

export const supportApi = {
  listTickets: async (query: TicketListQuery, signal?: AbortSignal): Promise<TicketList<TicketSummary>> =>
    (await request('GET', `/api/support/tickets${queryString(query)}`, undefined, signal)) as TicketList<TicketSummary>,
  openTicket: async (input: NewTicket): Promise<Ticket> => (await request('POST', '/api/support/tickets', input)) as Ticket,
  getTicket: async (ticketId: string, signal?: AbortSignal): Promise<Ticket> =>
    (await request('GET', `/api/support/tickets/${id(ticketId)}`, undefined, signal)) as Ticket,
  reply: async (ticketId: string, body: string): Promise<Ticket> =>
    (await request('POST', `/api/support/tickets/${id(ticketId)}/messages`, { body })) as Ticket,
  close: async (ticketId: string): Promise<Ticket> => (await request('POST', `/api/support/tickets/${id(ticketId)}/close`)) as Ticket,
};

export const adminApi = {
  me: async (signal?: AbortSignal): Promise<{ displayName: string; roles: StaffRole[] }> =>
    (await request('GET', '/api/admin/me', undefined, signal)) as { displayName: string; roles: StaffRole[] },
  listTickets: async (query: TicketListQuery, signal?: AbortSignal): Promise<TicketList<AdminTicketSummary>> =>
    (await request('GET', `/api/admin/tickets${queryString(query)}`, undefined, signal)) as TicketList<AdminTicketSummary>,
  getTicket: async (ticketId: string, signal?: AbortSignal): Promise<AdminTicket> =>
    (await request('GET', `/api/admin/tickets/${id(ticketId)}`, undefined, signal)) as AdminTicket,
  reply: async (ticketId: string, input: { body: string; status?: 'waiting_for_customer' | 'resolved' }): Promise<AdminTicket> =>
    (await request('POST', `/api/admin/tickets/${id(ticketId)}/messages`, input)) as AdminTicket,
  setStatus: async (ticketId: string, status: TicketStatus): Promise<AdminTicket> =>
    (await request('PATCH', `/api/admin/tickets/${id(ticketId)}`, { status })) as AdminTicket,
};

export const helpApi = {
  checkEmail: async (email: string): Promise<void> => {
    await request('POST', '/api/help/email-check', { email });
  },
};
