// Management → Support tickets: the queue filtered by status, and one ticket with the
// conversation, a reply box and the status.
import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { formText, SelectField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import {
  CATEGORY_LABELS,
  MessageThread,
  ReplyForm,
  TICKET_STATUS_LABELS,
  TicketStatusBadge,
} from '../components/ticket-parts.tsx';
import { pluralize } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { adminTicketsApi, TICKET_STATUSES, type AdminTicket, type TicketStatus } from '../api.ts';
import '../styles.css';

const PAGE_SIZE = 20;
const FILTERS = [
  { key: 'open', label: 'Open' },
  { key: 'waiting_for_customer', label: 'Waiting for customer' },
  { key: 'resolved', label: 'Resolved' },
  { key: 'all', label: 'All' },
] as const;
type FilterKey = (typeof FILTERS)[number]['key'];

function hrefFor(status: FilterKey, page = 1): string {
  const params = new URLSearchParams();
  if (status !== 'open') params.set('status', status);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs === '' ? '/admin/tickets' : `/admin/tickets?${qs}`;
}

export function AdminTicketsPage() {
  usePageTitle('Support tickets');
  const [params] = useSearchParams();
  const filter = FILTERS.find((f) => f.key === params.get('status')) ?? FILTERS[0];
  const rawPage = Number(params.get('page'));
  const page = Number.isInteger(rawPage) && rawPage >= 1 && rawPage <= 1000 ? rawPage : 1;
  const { state, retry } = useLoad(`${filter.key}:${page}`, (signal) =>
    adminTicketsApi.listTickets({ status: filter.key, page, pageSize: PAGE_SIZE }, signal),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = state.status === 'loaded' ? state.data : undefined;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Support tickets
      </h1>
      <nav aria-label="Filter tickets by status" className="status-filter">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.key}>
              <Link to={hrefFor(f.key)} aria-current={f.key === filter.key ? 'page' : undefined}>
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.status === 'failed' ? <LoadError error={state.error} what="the tickets" onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>Loading tickets…</Loading> : null}
      {list !== undefined && list.total === 0 ? <p className="empty-results">No tickets here.</p> : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">
            {filter.label}: {pluralize(list.total, 'ticket', 'tickets')}, most recent activity first.
          </p>
          <ul className="card-list" aria-label={`Tickets: ${filter.label}`}>
            {list.items.map((ticket) => (
              <li key={ticket.id} className="card ticket-card">
                <div className="order-card-head">
                  <h2 className="card-title">
                    <Link to={`/admin/tickets/${encodeURIComponent(ticket.id)}`}>{ticket.subject}</Link>
                  </h2>
                  <TicketStatusBadge status={ticket.status} audience="staff" />
                </div>
                <p className="muted">
                  {ticket.reference} · {CATEGORY_LABELS[ticket.category]} · from{' '}
                  {ticket.requester?.displayName ?? 'a deleted account'}
                  {ticket.order !== null ? ` · order ${ticket.order.number}` : ''} · last activity{' '}
                  <DateTime iso={ticket.updatedAt} />
                  {ticket.lastMessageFrom === 'customer' ? ' · customer wrote last' : ''}
                </p>
              </li>
            ))}
          </ul>
          <Pagination
            page={page}
            totalPages={Math.ceil(list.total / PAGE_SIZE)}
            hrefFor={(n) => hrefFor(filter.key, n)}
            onFollow={() => headingRef.current?.focus()}
          />
        </>
      ) : null}
    </>
  );
}

function StatusForm({ ticket, onChanged }: { ticket: AdminTicket; onChanged: (ticket: AdminTicket) => void }) {
  const { pending, error, run } = useRequest();
  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const status = formText(event.currentTarget, 'status') as TicketStatus;
    const outcome = await run(() => adminTicketsApi.setStatus(ticket.id, status));
    if (outcome.ok) onChanged(outcome.value);
  }
  return (
    <form className="form form-inline" onSubmit={onSubmit} key={ticket.status}>
      <ErrorAlert error={error} />
      <SelectField label="Status" name="status" defaultValue={ticket.status}>
        {TICKET_STATUSES.map((s) => (
          <option key={s} value={s}>
            {TICKET_STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button-secondary" disabled={pending}>
        Change status
      </button>
    </form>
  );
}

export function AdminTicketPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { state, retry } = useLoad(id, (signal) => adminTicketsApi.getTicket(id, signal));
  const [updated, setUpdated] = useState<AdminTicket | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ticket = updated !== null && updated.id === id ? updated : state.status === 'loaded' ? state.data : null;
  usePageTitle(ticket !== null ? `${ticket.reference} · Support tickets` : 'Support ticket');
  const back = (
    <p className="back-link">
      <Link to={(location.state as { from?: string } | null)?.from ?? '/admin/tickets'}>Back to support tickets</Link>
    </p>
  );

  if (ticket === null) {
    return (
      <>
        {back}
        <h1>Support ticket</h1>
        {state.status === 'failed' ? (
          state.error.status === 404 ? (
            <p>There is no ticket at this address.</p>
          ) : (
            <LoadError error={state.error} what="this ticket" onRetry={retry} />
          )
        ) : (
          <Loading>Loading the ticket…</Loading>
        )}
      </>
    );
  }

  return (
    <>
      {back}
      <h1>{ticket.subject}</h1>
      {notice !== null ? (
        <StatusMessage>
          <p>{notice}</p>
        </StatusMessage>
      ) : null}
      <dl className="order-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <TicketStatusBadge status={ticket.status} audience="staff" />
          </dd>
        </div>
        <div>
          <dt>Reference</dt>
          <dd>{ticket.reference}</dd>
        </div>
        <div>
          <dt>Topic</dt>
          <dd>{CATEGORY_LABELS[ticket.category]}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>
            {ticket.requester !== null
              ? `${ticket.requester.displayName} (${ticket.requester.email})`
              : 'A deleted account'}
          </dd>
        </div>
        {ticket.order !== null ? (
          <div>
            <dt>Order</dt>
            <dd>{ticket.order.number}</dd>
          </div>
        ) : null}
        <div>
          <dt>Opened</dt>
          <dd>
            <DateTime iso={ticket.createdAt} />
          </dd>
        </div>
      </dl>
      <h2>Conversation</h2>
      <MessageThread messages={ticket.messages} audience="staff" />
      <h2>Answer</h2>
      <ReplyForm
        label="Answer to the customer"
        hint="The customer sees it as from “Souk support” and gets an email with a link to it."
        submitLabel="Send answer"
        onSend={async (body, form) => {
          const status = formText(form, 'then') === 'resolved' ? 'resolved' : 'waiting_for_customer';
          const next = await adminTicketsApi.reply(ticket.id, { body, status });
          setUpdated(next);
          setNotice(`Answer sent. The ticket is now “${TICKET_STATUS_LABELS[next.status]}”.`);
        }}
      >
        <SelectField label="Then set the status to" name="then" defaultValue="waiting_for_customer">
          <option value="waiting_for_customer">{TICKET_STATUS_LABELS.waiting_for_customer}</option>
          <option value="resolved">{TICKET_STATUS_LABELS.resolved}</option>
        </SelectField>
      </ReplyForm>
      <h2>Status</h2>
      <StatusForm
        ticket={ticket}
        onChanged={(next) => {
          setUpdated(next);
          setNotice(`The ticket is now “${TICKET_STATUS_LABELS[next.status]}”.`);
        }}
      />
    </>
  );
}
