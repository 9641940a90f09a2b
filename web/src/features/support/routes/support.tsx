// Account → Support: the person's support requests, a form to contact support, and one
// request's conversation with a reply box.
import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { formText, SelectField, TextAreaField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { CATEGORY_LABELS, MessageThread, ReplyForm, TicketStatusBadge } from '../components/ticket-parts.tsx';
import { ordersApi } from '../../orders/api.ts';
import { pluralize } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { BODY_MAX, SUBJECT_MAX, supportApi, TICKET_CATEGORIES, type Ticket, type TicketCategory } from '../api.ts';
import '../styles.css';

const PAGE_SIZE = 10;
const FIELDS = ['category', 'orderId', 'subject', 'body'] as const;

function readPage(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
}

export function SupportPage() {
  usePageTitle('Support');
  const [params] = useSearchParams();
  const page = readPage(params.get('page'));
  const { state, retry } = useLoad(String(page), (signal) =>
    supportApi.listTickets({ page, pageSize: PAGE_SIZE }, signal),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Support
      </h1>
      <p>
        Something wrong with an order, a seller or your account? Our support team answers here, and we mail you when
        they do.
      </p>
      <p>
        <Link to="/account/support/new" className="button">
          Contact support
        </Link>
      </p>
      <h2>Your requests</h2>
      {state.status === 'failed' ? (
        <LoadError error={state.error} what="your support requests" onRetry={retry} />
      ) : null}
      {list === undefined && state.status === 'loading' ? <Loading>Loading your requests…</Loading> : null}
      {list !== undefined && list.total === 0 ? (
        <p className="empty-results">You have not contacted support yet.</p>
      ) : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">{pluralize(list.total, 'request', 'requests')}, most recent activity first.</p>
          <ul className="card-list" aria-label="Your support requests">
            {list.items.map((ticket) => (
              <li key={ticket.id} className="card ticket-card">
                <div className="order-card-head">
                  <h3 className="card-title">
                    <Link to={`/account/support/${encodeURIComponent(ticket.id)}`}>{ticket.subject}</Link>
                  </h3>
                  <TicketStatusBadge status={ticket.status} audience="customer" />
                </div>
                <p className="muted">
                  {ticket.reference} · {CATEGORY_LABELS[ticket.category]}
                  {ticket.order !== null ? ` · order ${ticket.order.number}` : ''} · last activity{' '}
                  <DateTime iso={ticket.updatedAt} />
                </p>
              </li>
            ))}
          </ul>
          <Pagination
            page={page}
            totalPages={Math.ceil(list.total / PAGE_SIZE)}
            hrefFor={(n) => (n === 1 ? '/account/support' : `/account/support?page=${n}`)}
            onFollow={() => headingRef.current?.focus()}
          />
        </>
      ) : null}
    </>
  );
}

export function SupportNewPage() {
  usePageTitle('Contact support');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preselected = params.get('order') ?? '';
  const orders = useLoad('support-orders', (signal) => ordersApi.listOrders({ pageSize: 50 }, signal));
  const { pending, error, run } = useRequest({
    fieldMessages: {
      subject: `Write a subject of 1 to ${SUBJECT_MAX} characters.`,
      body: `Write a message of 1 to ${BODY_MAX} characters.`,
      category: 'Choose what your request is about.',
    },
    codeFields: { NOT_FOUND: 'orderId' },
  });

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const orderId = formText(form, 'orderId');
    const outcome = await run(() =>
      supportApi.openTicket({
        category: formText(form, 'category') as TicketCategory,
        orderId: orderId === '' ? null : orderId,
        subject: formText(form, 'subject').trim(),
        body: formText(form, 'body').trim(),
      }),
    );
    if (outcome.ok)
      navigate(`/account/support/${encodeURIComponent(outcome.value.id)}`, {
        state: { sent: outcome.value.reference },
      });
  }

  const orderList = orders.state.status === 'loaded' ? orders.state.data.items : [];
  return (
    <>
      <p className="back-link">
        <Link to="/account/support">Back to support</Link>
      </p>
      <h1>Contact support</h1>
      <p>Tell us what happened. We answer in your account and let you know by email.</p>
      <ErrorAlert error={error} formFields={FIELDS} />
      <form className="form" onSubmit={onSubmit}>
        <SelectField
          label="What is it about?"
          name="category"
          required
          defaultValue={preselected !== '' ? 'order_problem' : ''}
          error={error?.fields.category}
        >
          <option value="" disabled>
            Choose a topic
          </option>
          {TICKET_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {CATEGORY_LABELS[category]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Order (optional)"
          name="orderId"
          defaultValue={preselected}
          key={orders.state.status}
          hint={
            orders.state.status === 'failed'
              ? 'Your orders could not be loaded; you can still send your request without one.'
              : undefined
          }
          error={error?.fields.orderId}
        >
          <option value="">No particular order</option>
          {orderList.map((order) => (
            <option key={order.id} value={order.id}>
              {order.number} · {order.store.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Subject" name="subject" required maxLength={SUBJECT_MAX} error={error?.fields.subject} />
        <TextAreaField label="Message" name="body" required maxLength={BODY_MAX} rows={8} error={error?.fields.body} />
        <button type="submit" className="button" disabled={pending}>
          Send to support
        </button>
      </form>
    </>
  );
}

function TicketFacts({ ticket, orderHref }: { ticket: Ticket; orderHref: string | null }) {
  return (
    <dl className="order-facts">
      <div>
        <dt>Status</dt>
        <dd>
          <TicketStatusBadge status={ticket.status} audience="customer" />
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
      {ticket.order !== null ? (
        <div>
          <dt>Order</dt>
          <dd>{orderHref !== null ? <Link to={orderHref}>{ticket.order.number}</Link> : ticket.order.number}</dd>
        </div>
      ) : null}
      <div>
        <dt>Opened</dt>
        <dd>
          <DateTime iso={ticket.createdAt} />
        </dd>
      </div>
    </dl>
  );
}

/** "Close this request": for someone who needs nothing more (an open request about money also holds up deleting the account). */
function CloseTicket({ ticket, onClosed }: { ticket: Ticket; onClosed: (next: Ticket) => void }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <div className="close-ticket">
      <p>Need nothing more? Close this request. You can reply later to open it again.</p>
      {failed !== null ? (
        <p role="alert" className="notice notice-error">
          {failed}
        </p>
      ) : null}
      <button
        type="button"
        className="button button-secondary"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setFailed(null);
          try {
            onClosed(await supportApi.close(ticket.id));
          } catch {
            setFailed('The request could not be closed. Please try again.');
          } finally {
            setPending(false);
          }
        }}
      >
        {pending ? 'Closing…' : 'Close this request'}
      </button>
    </div>
  );
}

export function SupportTicketPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const sent = (location.state as { sent?: string } | null)?.sent;
  const { state, retry } = useLoad(id, (signal) => supportApi.getTicket(id, signal));
  const [updated, setUpdated] = useState<Ticket | null>(null);
  const [notice, setNotice] = useState<string | null>(
    sent !== undefined ? `Your request ${sent} was sent. We will email you when support answers.` : null,
  );
  const ticket = updated !== null && updated.id === id ? updated : state.status === 'loaded' ? state.data : null;
  usePageTitle(ticket?.subject ?? 'Support request');

  if (ticket === null) {
    return (
      <>
        <p className="back-link">
          <Link to="/account/support">Back to support</Link>
        </p>
        <h1>Support request</h1>
        {state.status === 'failed' ? (
          state.error.status === 404 ? (
            <p>We found no support request of yours at this address.</p>
          ) : (
            <LoadError error={state.error} what="this request" onRetry={retry} />
          )
        ) : (
          <Loading>Loading your request…</Loading>
        )}
      </>
    );
  }

  return (
    <>
      <p className="back-link">
        <Link to="/account/support">Back to support</Link>
      </p>
      <h1>{ticket.subject}</h1>
      {notice !== null ? (
        <StatusMessage>
          <p>{notice}</p>
        </StatusMessage>
      ) : null}
      <TicketFacts
        ticket={ticket}
        orderHref={ticket.order !== null ? `/account/orders/${encodeURIComponent(ticket.order.id)}` : null}
      />
      <h2>Conversation</h2>
      <MessageThread messages={ticket.messages} audience="customer" />
      {ticket.status !== 'resolved' ? (
        <CloseTicket
          ticket={ticket}
          onClosed={(next) => {
            setUpdated(next);
            setNotice('Your request is closed. Replying opens it again.');
          }}
        />
      ) : null}
      <h2>Reply</h2>
      <ReplyForm
        label="Your reply"
        hint={ticket.status === 'resolved' ? 'This request is resolved. Replying opens it again.' : undefined}
        submitLabel="Send reply"
        onSend={async (body) => {
          const next = await supportApi.reply(ticket.id, body);
          setUpdated(next);
          setNotice('Your reply was sent.');
        }}
      />
    </>
  );
}
