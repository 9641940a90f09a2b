// The seller dashboard (issue 19, decision 055): sales and orders per store per day, kept by a
// trigger on orders so the dashboard reads at most 90 rows per currency instead of aggregating a
// busy store's orders on every visit; and the paid orders waiting to ship, by store and paid time,
// for "to ship" and "late".
//
// A sale is an order that was paid and is not cancelled, counted on the UTC day it was paid. The
// trigger applies the difference between an order's old and new contribution, so every path that
// pays, cancels or inserts an order (checkout, the seller center, the unpaid-checkout job, seeds)
// keeps the rollup true. It holds no personal data (decision 055): store, day, currency, figures.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table store_sales_days (
      store_id uuid not null references stores (id) on delete cascade,
      day date not null,
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      orders integer not null default 0,
      sales_minor bigint not null default 0,
      primary key (store_id, day, currency)
    );

    create function orders_sales_days() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.paid_at is not null and old.status <> 'cancelled' then
        update store_sales_days set orders = orders - 1, sales_minor = sales_minor - old.total_minor
          where store_id = old.store_id and day = (old.paid_at at time zone 'UTC')::date and currency = old.currency;
      end if;
      if new.paid_at is not null and new.status <> 'cancelled' then
        insert into store_sales_days as d (store_id, day, currency, orders, sales_minor)
          values (new.store_id, (new.paid_at at time zone 'UTC')::date, new.currency, 1, new.total_minor)
          on conflict (store_id, day, currency)
          do update set orders = d.orders + 1, sales_minor = d.sales_minor + excluded.sales_minor;
      end if;
      return null;
    end $$;
    create trigger orders_sales_days_insert after insert on orders
      for each row when (new.paid_at is not null and new.status <> 'cancelled') execute function orders_sales_days();
    create trigger orders_sales_days_update after update of status, paid_at, total_minor on orders
      for each row when (
        (old.paid_at is not null and old.status <> 'cancelled') is distinct from (new.paid_at is not null and new.status <> 'cancelled')
        or (new.paid_at is not null and new.status <> 'cancelled'
            and (old.paid_at, old.total_minor) is distinct from (new.paid_at, new.total_minor))
      ) execute function orders_sales_days();

    insert into store_sales_days (store_id, day, currency, orders, sales_minor)
      select store_id, (paid_at at time zone 'UTC')::date, currency, count(*), sum(total_minor)
      from orders where paid_at is not null and status <> 'cancelled'
      group by 1, 2, 3;

    create index orders_store_to_ship_idx on orders (store_id, paid_at) where status = 'paid';
  `.execute(db);
}
