// Commerce: carts (guest or account), saved addresses and cards, checkouts with their payment,
// one order per seller, shipments with public tracking. Money is integer minor units with a
// currency code. Orders and shipments never depend on the buyer's account existing: erasure
// anonymises orders (src/modules/orders/erasure.ts) and tracking keeps working.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table carts (
      id uuid primary key default gen_random_uuid(),
      user_id text unique references users (id) on delete cascade,
      guest_token_hash text unique,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((user_id is null) <> (guest_token_hash is null))
    );
    create index carts_guest_updated_idx on carts (updated_at) where user_id is null;

    create table cart_lines (
      cart_id uuid not null references carts (id) on delete cascade,
      product_id uuid not null references products (id) on delete cascade,
      quantity integer not null check (quantity between 1 and 99),
      added_at timestamptz not null default now(),
      primary key (cart_id, product_id)
    );

    create table addresses (
      id uuid primary key default gen_random_uuid(),
      user_id text not null references users (id) on delete cascade,
      full_name text not null,
      line1 text not null,
      line2 text,
      city text not null,
      region text,
      postal_code text,
      country text not null check (country ~ '^[A-Z]{2}$'),
      phone text,
      is_default boolean not null default false,
      created_at timestamptz not null default now()
    );
    create index addresses_user_idx on addresses (user_id, created_at);
    create unique index addresses_one_default_idx on addresses (user_id) where is_default;

    create table payment_methods (
      id uuid primary key default gen_random_uuid(),
      user_id text not null references users (id) on delete cascade,
      provider text not null,
      provider_token text not null,
      brand text not null,
      last4 text not null check (last4 ~ '^[0-9]{4}$'),
      exp_month integer not null check (exp_month between 1 and 12),
      exp_year integer not null check (exp_year between 2000 and 2100),
      created_at timestamptz not null default now()
    );
    create index payment_methods_user_idx on payment_methods (user_id, created_at);

    create table checkouts (
      id uuid primary key default gen_random_uuid(),
      buyer_user_id text references users (id) on delete set null,
      idempotency_key text not null,
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      total_minor integer not null check (total_minor >= 0),
      status text not null default 'awaiting_payment' check (status in ('awaiting_payment', 'paid', 'cancelled')),
      payment_attempts integer not null default 0,
      -- set while a payment attempt runs, so two attempts never charge at once
      paying_until timestamptz,
      created_at timestamptz not null default now(),
      unique (buyer_user_id, idempotency_key)
    );

    create table payments (
      id uuid primary key default gen_random_uuid(),
      checkout_id uuid not null references checkouts (id) on delete cascade,
      provider text not null,
      provider_reference text,
      card_brand text,
      card_last4 text,
      amount_minor integer not null,
      currency text not null,
      status text not null check (status in ('succeeded', 'declined', 'retry', 'refunded')),
      failure_code text,
      created_at timestamptz not null default now()
    );
    create index payments_checkout_idx on payments (checkout_id, created_at);

    create table orders (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      checkout_id uuid not null references checkouts (id),
      buyer_user_id text references users (id) on delete set null,
      store_id uuid not null references stores (id),
      status text not null default 'awaiting_payment'
        check (status in ('awaiting_payment', 'paid', 'shipped', 'delivered', 'cancelled')),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      items_minor integer not null check (items_minor >= 0),
      discount_minor integer not null check (discount_minor >= 0),
      shipping_minor integer not null check (shipping_minor >= 0),
      total_minor integer not null check (total_minor >= 0),
      ship_full_name text not null,
      ship_line1 text not null,
      ship_line2 text,
      ship_city text not null,
      ship_region text,
      ship_postal_code text,
      ship_country text not null check (ship_country ~ '^[A-Z]{2}$'),
      ship_phone text,
      delivery_min_days integer not null,
      delivery_max_days integer not null,
      cancelled_by text check (cancelled_by in ('buyer', 'seller', 'system')),
      placed_at timestamptz not null default now(),
      paid_at timestamptz,
      shipped_at timestamptz,
      delivered_at timestamptz,
      cancelled_at timestamptz,
      anonymised_at timestamptz
    );
    create index orders_buyer_idx on orders (buyer_user_id, placed_at desc);
    create index orders_store_idx on orders (store_id, placed_at desc);
    create index orders_checkout_idx on orders (checkout_id);
    create index checkouts_unpaid_idx on checkouts (created_at) where status = 'awaiting_payment';

    create table order_items (
      order_id uuid not null references orders (id) on delete cascade,
      position integer not null,
      product_id uuid references products (id) on delete set null,
      title text not null,
      quantity integer not null check (quantity >= 1),
      unit_price_minor integer not null check (unit_price_minor >= 0),
      list_price_minor integer not null check (list_price_minor >= unit_price_minor),
      primary key (order_id, position)
    );

    create table shipments (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null unique references orders (id) on delete cascade,
      tracking_number text not null unique check (tracking_number ~ '^[A-Z0-9-]{6,40}$'),
      carrier text not null check (length(carrier) between 1 and 60),
      destination_country text not null check (destination_country ~ '^[A-Z]{2}$'),
      status text not null check (status in ('shipped', 'in_transit', 'out_for_delivery', 'delivered')),
      created_at timestamptz not null default now()
    );

    create table tracking_events (
      id uuid primary key default gen_random_uuid(),
      shipment_id uuid not null references shipments (id) on delete cascade,
      status text not null check (status in ('shipped', 'in_transit', 'out_for_delivery', 'delivered')),
      occurred_at timestamptz not null default now()
    );
    create index tracking_events_shipment_idx on tracking_events (shipment_id, occurred_at);
  `.execute(db);
}
