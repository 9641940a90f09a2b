// Management → Support tickets: the queue filtered by status, and one ticket with the
// conversation, a reply box and the status.
import { useRef, useState, type SubmitEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { formText, SelectField } from '../../../components/fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { DateTime } from '../../../components/date-time.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import {
  categoryLabel,
  MessageThread,
  ReplyForm,
  TicketStatusBadge,
  ticketStatusLabel,
} from '../components/ticket-parts.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { adminTicketsApi, TICKET_STATUSES, type AdminTicket, type TicketStatus } from '../api.ts';
import '../styles.css';

const PAGE_SIZE = 20;
const FILTERS = [{ key: 'open' }, { key: 'waiting_for_customer' }, { key: 'resolved' }, { key: 'all' }] as const;
type FilterKey = (typeof FILTERS)[number]['key'];

const filterLabel = (t: TFunction<'support'>, key: FilterKey) =>
  key === 'all' ? t('admin.all') : ticketStatusLabel(t, key);

function hrefFor(status: FilterKey, page = 1): string {
  const params = new URLSearchParams();
  if (status !== 'open') params.set('status', status);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs === '' ? '/admin/tickets' : `/admin/tickets?${qs}`;
}

export function AdminTicketsPage() {
  const { t } = useTranslation('support');
  usePageTitle(t('admin.title'));
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
        {t('admin.title')}
      </h1>
      <nav aria-label={t('admin.filter')} className="status-filter">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.key}>
              <Link to={hrefFor(f.key)} aria-current={f.key === filter.key ? 'page' : undefined}>
                {filterLabel(t, f.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {state.status === 'failed' ? <LoadError error={state.error} what={t('admin.what')} onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>{t('admin.loading')}</Loading> : null}
      {list !== undefined && list.total === 0 ? <p className="empty-results">{t('admin.empty')}</p> : null}
      {list !== undefined && list.total > 0 ? (
        <>
          <p className="muted">{t('admin.summary', { filter: filterLabel(t, filter.key), count: list.total })}</p>
          <ul className="card-list" aria-label={t('admin.listLabel', { filter: filterLabel(t, filter.key) })}>
            {list.items.map((ticket) => (
              <li key={ticket.id} className="card ticket-card">
                <div className="order-card-head">
                  <h2 className="card-title">
                    <Link to={`/admin/tickets/${encodeURIComponent(ticket.id)}`}>{ticket.subject}</Link>
                  </h2>
                  <TicketStatusBadge status={ticket.status} audience="staff" />
                </div>
                <p className="muted">
                  {ticket.reference} · {categoryLabel(t, ticket.category)} ·{' '}
                  {t('admin.from', { name: ticket.requester?.displayName ?? t('admin.deletedAccount') })}
                  {ticket.order !== null ? t('list.orderMark', { number: ticket.order.number }) : ''} ·{' '}
                  {t('list.lastActivity')} <DateTime iso={ticket.updatedAt} />
                  {ticket.lastMessageFrom === 'customer' ? t('admin.customerWroteLast') : ''}
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
  const { t } = useTranslation('support');
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
      <SelectField label={t('facts.status')} name="status" defaultValue={ticket.status}>
        {TICKET_STATUSES.map((s) => (
          <option key={s} value={s}>
            {ticketStatusLabel(t, s)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button-secondary" disabled={pending}>
        {t('admin.changeStatus')}
      </button>
    </form>
  );
}

export function AdminTicketPage() {
  const { t } = useTranslation('support');
  const { id = '' } = useParams();
  const location = useLocation();
  const { state, retry } = useLoad(id, (signal) => adminTicketsApi.getTicket(id, signal));
  const [updated, setUpdated] = useState<AdminTicket | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ticket = updated !== null && updated.id === id ? updated : state.status === 'loaded' ? state.data : null;
  usePageTitle(ticket !== null ? t('admin.ticketTitle', { reference: ticket.reference }) : t('admin.ticket'));
  const back = (
    <p className="back-link">
      <Link to={(location.state as { from?: string } | null)?.from ?? '/admin/tickets'}>{t('admin.back')}</Link>
    </p>
  );

  if (ticket === null) {
    return (
      <>
        {back}
        <h1>{t('admin.ticket')}</h1>
        {state.status === 'failed' ? (
          state.error.status === 404 ? (
            <p>{t('admin.notFound')}</p>
          ) : (
            <LoadError error={state.error} what={t('admin.whatTicket')} onRetry={retry} />
          )
        ) : (
          <Loading>{t('admin.loadingTicket')}</Loading>
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
          <dt>{t('facts.status')}</dt>
          <dd>
            <TicketStatusBadge status={ticket.status} audience="staff" />
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
        <div>
          <dt>{t('admin.customer')}</dt>
          <dd>
            {ticket.requester !== null
              ? `${ticket.requester.displayName} (${ticket.requester.email})`
              : t('admin.aDeletedAccount')}
          </dd>
        </div>
        {ticket.order !== null ? (
          <div>
            <dt>{t('facts.order')}</dt>
            <dd>{ticket.order.number}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('facts.opened')}</dt>
          <dd>
            <DateTime iso={ticket.createdAt} />
          </dd>
        </div>
      </dl>
      <h2>{t('ticket.conversation')}</h2>
      <MessageThread messages={ticket.messages} audience="staff" />
      <h2>{t('admin.answer')}</h2>
      <ReplyForm
        label={t('admin.answerLabel')}
        hint={t('admin.answerHint')}
        submitLabel={t('admin.sendAnswer')}
        onSend={async (body, form) => {
          const status = formText(form, 'then') === 'resolved' ? 'resolved' : 'waiting_for_customer';
          const next = await adminTicketsApi.reply(ticket.id, { body, status });
          setUpdated(next);
          setNotice(t('admin.answerSent', { status: ticketStatusLabel(t, next.status) }));
        }}
      >
        <SelectField label={t('admin.then')} name="then" defaultValue="waiting_for_customer">
          <option value="waiting_for_customer">{ticketStatusLabel(t, 'waiting_for_customer')}</option>
          <option value="resolved">{ticketStatusLabel(t, 'resolved')}</option>
        </SelectField>
      </ReplyForm>
      <h2>{t('facts.status')}</h2>
      <StatusForm
        ticket={ticket}
        onChanged={(next) => {
          setUpdated(next);
          setNotice(t('admin.statusChanged', { status: ticketStatusLabel(t, next.status) }));
        }}
      />
    </>
  );
}
