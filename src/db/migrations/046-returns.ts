// Returns and refunds (issue 19, decision 054). A buyer asks to return items of a delivered order
// within the store's return window; the seller accepts (refund only, or return then refund),
// offers a partial refund or refuses, before a deadline past which the request escalates by itself
// to a dispute. Refunds are rows of their own, each sent to the provider under its own key per
// attempt (as charges, decision 033); their sum per order never exceeds what the order was paid.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table store_return_policies (
      store_id uuid primary key references stores (id) on delete cascade,
      window_days integer not null default 15 check (window_days between 15 and 365),
      response_days integer not null default 5 check (response_days between 2 and 14),
      updated_at timestamptz not null default now()
    );

    create table return_requests (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      order_id uuid not null references orders (id),
      buyer_user_id text references users (id) on delete set null,
      store_id uuid not null references stores (id),
      status text not null default 'requested' check (status in
        ('requested', 'awaiting_return', 'partial_offered', 'refused', 'escalated', 'refunding', 'refunded', 'closed')),
      reason text not null check (reason in ('not_as_described', 'damaged', 'wrong_item', 'changed_mind', 'other')),
      comment text check (length(comment) <= 2000),
      requested_minor integer not null check (requested_minor > 0),
      offered_minor integer check (offered_minor > 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      refusal_reason text check (length(refusal_reason) <= 1000),
      return_carrier text check (length(return_carrier) between 1 and 60),
      return_tracking_number text unique check (return_tracking_number ~ '^[A-Z0-9-]{6,40}$'),
      return_received_at timestamptz,
      respond_by timestamptz not null,
      photo_count integer not null default 0 check (photo_count between 0 and 5),
      created_at timestamptz not null default now(),
      closed_at timestamptz,
      anonymised_at timestamptz
    );
    -- One request under way per order at a time; a finished one (refunded, closed) makes room for another.
    create unique index return_requests_one_open on return_requests (order_id) where status not in ('refunded', 'closed');
    create index return_requests_buyer_idx on return_requests (buyer_user_id, created_at) where buyer_user_id is not null;
    create index return_requests_store_idx on return_requests (store_id, created_at);
    create index return_requests_due_idx on return_requests (respond_by) where status = 'requested';

    create table return_items (
      return_id uuid not null references return_requests (id) on delete cascade,
      position integer not null,
      title text not null,
      quantity integer not null check (quantity >= 1),
      primary key (return_id, position)
    );

    create table return_photos (
      id uuid primary key default gen_random_uuid(),
      return_id uuid not null references return_requests (id) on delete cascade,
      position integer not null,
      storage_key text not null unique,
      content_type text not null,
      byte_size integer not null,
      created_at timestamptz not null default now(),
      unique (return_id, position)
    );

    create table return_events (
      id uuid primary key default gen_random_uuid(),
      return_id uuid not null references return_requests (id) on delete cascade,
      kind text not null check (kind in ('requested', 'accepted_refund', 'accepted_return', 'return_received',
        'partial_offered', 'offer_accepted', 'refused', 'escalated', 'auto_escalated', 'refund_failed', 'refunded',
        'withdrawn', 'dispute_decided')),
      amount_minor integer,
      occurred_at timestamptz not null default now()
    );
    create index return_events_return_idx on return_events (return_id, occurred_at);

    create table refunds (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null references orders (id),
      return_id uuid unique references return_requests (id),
      amount_minor integer not null check (amount_minor > 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      status text not null default 'pending' check (status in ('pending', 'failed', 'succeeded')),
      attempt integer not null default 1 check (attempt >= 1),
      charge_reference text not null,
      provider_reference text,
      failure_code text,
      next_attempt_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      succeeded_at timestamptz
    );
    create index refunds_order_idx on refunds (order_id);
    create index refunds_due_idx on refunds (next_attempt_at) where status <> 'succeeded';

    create table disputes (
      id uuid primary key default gen_random_uuid(),
      return_id uuid not null unique references return_requests (id),
      status text not null default 'open' check (status in ('open', 'decided_refund', 'decided_no_refund')),
      opened_by text not null check (opened_by in ('buyer', 'deadline')),
      buyer_statement text check (length(buyer_statement) <= 2000),
      due_at timestamptz not null,
      opened_at timestamptz not null default now(),
      decided_at timestamptz,
      decision_note text check (length(decision_note) <= 2000)
    );
    create index disputes_open_idx on disputes (due_at) where status = 'open';
  `.execute(db);
}
