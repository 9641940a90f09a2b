// Account → Support: the person's support requests, a form to contact support, and one
// request's conversation with a reply box.
import { useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { formText, SelectField, TextAreaField, TextField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { categoryLabel, MessageThread, ReplyForm, TicketStatusBadge } from '../components/ticket-parts.tsx';
import { ordersApi } from '../../orders/api.ts';
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
  const { t } = useTranslation('support');
  usePageTitle(t('list.title'));
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
        {t('list.title')}
      </h1>
      <p>{t('list.intro')}</p>
      <p>
        <Link to="/account/support/new" className="button">
          {t('new.title')}
        </Link>
      </p>
      <h2>{t('list.yourRequests')}</h2>
      {state.status === 'failed' ? <LoadError error={state.error} what={t('list.what')} onRetry={retry} /> : null}
      {list === undefined && state.status === 'loading' ? <Loading>{t('list.loading')}</Loading> : null}
      {list !== undefined && list.total === 0 ? <p className="empty-results">{t('list.empty')}</p> : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">{t('list.summary', { count: list.total })}</p>
          <ul className="card-list" aria-label={t('list.label')}>
            {list.items.map((ticket) => (
              <li key={ticket.id} className="card ticket-card">
                <div className="order-card-head">
                  <h3 className="card-title">
                    <Link to={`/account/support/${encodeURIComponent(ticket.id)}`}>{ticket.subject}</Link>
                  </h3>
                  <TicketStatusBadge status={ticket.status} audience="customer" />
                </div>
                <p className="muted">
                  {ticket.reference} · {categoryLabel(t, ticket.category)}
                  {ticket.order !== null ? t('list.orderMark', { number: ticket.order.number }) : ''} ·{' '}
                  {t('list.lastActivity')} <DateTime iso={ticket.updatedAt} />
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
  const { t } = useTranslation('support');
  usePageTitle(t('new.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preselected = params.get('order') ?? '';
  const orders = useLoad('support-orders', (signal) => ordersApi.listOrders({ pageSize: 50 }, signal));
  const { pending, error, run } = useRequest({
    fieldMessages: {
      subject: t('new.subjectInvalid', { max: SUBJECT_MAX }),
      body: t('form.bodyInvalid', { max: BODY_MAX }),
      category: t('new.categoryInvalid'),
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
        <Link to="/account/support">{t('back')}</Link>
      </p>
      <h1>{t('new.title')}</h1>
      <p>{t('new.intro')}</p>
      <ErrorAlert error={error} formFields={FIELDS} />
      <form className="form" onSubmit={onSubmit}>
        <SelectField
          label={t('new.category')}
          name="category"
          required
          defaultValue={preselected !== '' ? 'order_problem' : ''}
          error={error?.fields.category}
        >
          <option value="" disabled>
            {t('new.chooseTopic')}
          </option>
          {TICKET_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {categoryLabel(t, category)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('new.order')}
          name="orderId"
          defaultValue={preselected}
          key={orders.state.status}
          hint={orders.state.status === 'failed' ? t('new.ordersFailed') : undefined}
          error={error?.fields.orderId}
        >
          <option value="">{t('new.noOrder')}</option>
          {orderList.map((order) => (
            <option key={order.id} value={order.id}>
              {order.number} · {order.store.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('new.subject')}
          name="subject"
          required
          maxLength={SUBJECT_MAX}
          error={error?.fields.subject}
        />
        <TextAreaField
          label={t('new.message')}
          name="body"
          required
          maxLength={BODY_MAX}
          rows={8}
          error={error?.fields.body}
        />
        <button type="submit" className="button" disabled={pending}>
          {t('new.send')}
        </button>
      </form>
    </>
  );
}

function TicketFacts({ ticket, orderHref }: { ticket: Ticket; orderHref: string | null }) {
  const { t } = useTranslation('support');
  return (
    <dl className="order-facts">
      <div>
        <dt>{t('facts.status')}</dt>
        <dd>
          <TicketStatusBadge status={ticket.status} audience="customer" />
        </dd>
      </div>
      <div>
        <dt>{t('facts.reference')}</dt>
        <dd>{ticket.reference}</dd>
      </div>
      <div>
        <dt>{t('facts.topic')}</dt>
        <dd>{categoryLabel(t, ticket.category)}</dd>
      </div>
      {ticket.order !== null ? (
        <div>
          <dt>{t('facts.order')}</dt>
          <dd>{orderHref !== null ? <Link to={orderHref}>{ticket.order.number}</Link> : ticket.order.number}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('facts.opened')}</dt>
        <dd>
          <DateTime iso={ticket.createdAt} />
        </dd>
      </div>
    </dl>
  );
}

/** "Close this request": for someone who needs nothing more (an open request about money also holds up deleting the account). */
function CloseTicket({ ticket, onClosed }: { ticket: Ticket; onClosed: (next: Ticket) => void }) {
  const { t } = useTranslation('support');
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <div className="close-ticket">
      <p>{t('close.intro')}</p>
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
            setFailed(t('close.failed'));
          } finally {
            setPending(false);
          }
        }}
      >
        {pending ? t('close.closing') : t('close.button')}
      </button>
    </div>
  );
}

export function SupportTicketPage() {
  const { t } = useTranslation('support');
  const { id = '' } = useParams();
  const location = useLocation();
  const sent = (location.state as { sent?: string } | null)?.sent;
  const { state, retry } = useLoad(id, (signal) => supportApi.getTicket(id, signal));
  const [updated, setUpdated] = useState<Ticket | null>(null);
  const [notice, setNotice] = useState<string | null>(
    sent !== undefined ? t('ticket.sent', { reference: sent }) : null,
  );
  const ticket = updated !== null && updated.id === id ? updated : state.status === 'loaded' ? state.data : null;
  usePageTitle(ticket?.subject ?? t('ticket.title'));

  if (ticket === null) {
    return (
      <>
        <p className="back-link">
          <Link to="/account/support">{t('back')}</Link>
        </p>
        <h1>{t('ticket.title')}</h1>
        {state.status === 'failed' ? (
          state.error.status === 404 ? (
            <p>{t('ticket.notFound')}</p>
          ) : (
            <LoadError error={state.error} what={t('ticket.what')} onRetry={retry} />
          )
        ) : (
          <Loading>{t('ticket.loading')}</Loading>
        )}
      </>
    );
  }

  return (
    <>
      <p className="back-link">
        <Link to="/account/support">{t('back')}</Link>
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
      <h2>{t('ticket.conversation')}</h2>
      <MessageThread messages={ticket.messages} audience="customer" />
      {ticket.status !== 'resolved' ? (
        <CloseTicket
          ticket={ticket}
          onClosed={(next) => {
            setUpdated(next);
            setNotice(t('ticket.closed'));
          }}
        />
      ) : null}
      <h2>{t('ticket.reply')}</h2>
      <ReplyForm
        label={t('ticket.yourReply')}
        hint={ticket.status === 'resolved' ? t('ticket.resolvedHint') : undefined}
        submitLabel={t('ticket.sendReply')}
        onSend={async (body) => {
          const next = await supportApi.reply(ticket.id, body);
          setUpdated(next);
          setNotice(t('ticket.replySent'));
        }}
      />
    </>
  );
}
