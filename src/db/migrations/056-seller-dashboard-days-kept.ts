// The seller dashboard's 90 days kept per store (issue 19, decision 055's second addendum). Under
// load on PostgreSQL, writing the days' and sales' text from the rollup was half of
// seller_dashboard_text's time (≈ 250 of 520 µs a call): 90 rows read from ~90 heap pages, joined
// to a calendar, two sorted aggregates of 90 concatenations. That text changes only when one of the
// store's rollup rows changes or the window moves (at midnight UTC), so it is written once, when the
// transaction that changed the rollup commits, and read as one row.
//
// Never stale, by construction rather than by care: the kept text carries the identity of the
// rollup row versions it was written from (each row's xmin and ctid, in the window), and the
// dashboard uses it only when the rollup rows it sees now are those very versions; otherwise it
// writes the text itself, as before (the same function writes both). So neither a writer that
// missed its turn nor a trigger bypassed can make the dashboard show an old figure: it can only
// make it slower.
//
// The writer is a deferred constraint trigger on store_sales_days (as 048's version): at commit,
// once per store and transaction. It never waits for a lock (skip locked: another committer is
// writing the row, and the reader checks whichever text wins), so it adds no lock order to commits
// and cannot deadlock with 048's slots or the rollup's rows. Its cost is the text's write per
// committing transaction that pays or cancels (≈ 0.3 ms on PostgreSQL).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table store_dashboard_days (
      store_id uuid primary key references stores (id) on delete cascade,
      first_day date not null,
      day_count integer not null,
      -- The rollup row versions the text was written from (xmin@ctid, in ctid order).
      rollup_rows text not null,
      days_text text not null,
      sales_text text not null
    );

    -- Which versions of the store's rollup rows in the window this snapshot sees.
    create function seller_dashboard_rollup_rows(of_store uuid, first_day date, day_count int) returns text
    language plpgsql stable set plan_cache_mode = force_generic_plan as $$
    begin
      return (
        select coalesce(string_agg(concat(d.xmin, '@', d.ctid), ',' order by d.ctid), '') from store_sales_days d
        where d.store_id = of_store and d.day >= first_day and d.day < first_day + day_count
      );
    end
    $$;

    -- The "days" and "sales" arrays' text (without brackets) of the store's window, and the rollup
    -- row versions they come from: migration 050's text, moved here unchanged.
    create function seller_dashboard_days(of_store uuid, first_day date, day_count int,
      out rollup_rows text, out days text, out sales text)
    language plpgsql stable set plan_cache_mode = force_generic_plan as $$
    begin
      with sold as materialized (
        select d.day, d.currency, d.orders, d.sales_minor from store_sales_days d
        where d.store_id = of_store and d.day >= first_day and d.day < first_day + day_count
      ), calendar as (
        select first_day + i as day from generate_series(0, day_count - 1) i
      )
      select
        seller_dashboard_rollup_rows(of_store, first_day, day_count),
        (select string_agg(concat('{"date":"', to_char(c.day, 'YYYY-MM-DD'), '","orders":', coalesce(n.orders, 0), '}'), ','
           order by c.day)
         from calendar c left join (select s.day, sum(s.orders) as orders from sold s group by s.day) n on n.day = c.day),
        coalesce((select string_agg(concat('{"currency":', to_json(cur.currency), ',"amounts":[',
             (select string_agg(coalesce(s.sales_minor, 0)::text, ',' order by c.day)
              from calendar c left join sold s on s.day = c.day and s.currency = cur.currency), ']}'), ','
           order by cur.currency collate "C")
         from (select distinct s.currency from sold s) cur), '')
      into rollup_rows, days, sales;
    end
    $$;

    -- At commit, once per store and transaction: the store's window of today (the dashboard's 90
    -- days, DASHBOARD_DAYS), unless another transaction is writing it right now.
    create function store_dashboard_days_keep() returns trigger language plpgsql as $$
    declare
      changed uuid := case when tg_op = 'DELETE' then old.store_id else new.store_id end;
      done text := coalesce(current_setting('souk.dashboard_days_kept', true), '');
      window_start date := (now() at time zone 'UTC')::date - 89;
    begin
      if position(changed::text in done) > 0 then
        return null;
      end if;
      perform set_config('souk.dashboard_days_kept', done || changed::text || ',', true);
      perform 1 from store_dashboard_days k where k.store_id = changed for update skip locked;
      if found then
        update store_dashboard_days k
          set first_day = window_start, day_count = 90, rollup_rows = d.rollup_rows, days_text = d.days, sales_text = d.sales
          from seller_dashboard_days(changed, window_start, 90) d
          where k.store_id = changed;
      elsif not exists (select 1 from store_dashboard_days k where k.store_id = changed) then
        insert into store_dashboard_days (store_id, first_day, day_count, rollup_rows, days_text, sales_text)
          select s.id, window_start, 90, d.rollup_rows, d.days, d.sales
          from stores s, seller_dashboard_days(changed, window_start, 90) d
          where s.id = changed
          on conflict (store_id) do nothing;
      end if;
      return null;
    end
    $$;
    create constraint trigger store_sales_days_dashboard after insert or update or delete on store_sales_days
      deferrable initially deferred for each row execute function store_dashboard_days_keep();

    -- Migration 050's function, the days and sales read from the kept row when it was written from the
    -- rollup rows this call sees, else written here by the same function.
    create or replace function seller_dashboard_text(
      owner text, first_day date, day_count int, at timestamptz, late_before timestamptz,
      recent_from timestamptz, earlier_from timestamptz, low_stock_at int, low_stock_shown int,
      handling_business_days int, trend_days int
    ) returns text language plpgsql stable set plan_cache_mode = force_generic_plan as $$
    declare
      of_store uuid;
      days text;
      sales text;
    begin
      -- The owner's store (the seller center's requireOwnStore), found in the same call.
      select s.id into of_store from stores s where s.owner_user_id = owner;
      if of_store is null then
        return null;
      end if;
      select k.days_text, k.sales_text into days, sales from store_dashboard_days k
        where k.store_id = of_store and k.first_day = seller_dashboard_text.first_day
          and k.day_count = seller_dashboard_text.day_count
          and k.rollup_rows = seller_dashboard_rollup_rows(of_store, seller_dashboard_text.first_day, seller_dashboard_text.day_count);
      if not found then
        select d.days, d.sales into days, sales
          from seller_dashboard_days(of_store, seller_dashboard_text.first_day, seller_dashboard_text.day_count) d;
      end if;
      return (
        select concat(
          '{"days":[', days, '],"sales":[', sales,
          '],"returns":',
          (select concat('{"answer":', count(*) filter (where r.status = 'requested'),
             ',"overdue":', count(*) filter (where r.status = 'requested' and r.respond_by < at),
             ',"parcels":', count(*) filter (where r.status = 'awaiting_return'), '}')
           from return_requests r where r.store_id = of_store and r.status in ('requested', 'awaiting_return')),
          ',"toShip":',
          (select concat('{"count":', count(*), ',"late":', count(*) filter (where o.paid_at < late_before),
             ',"handlingBusinessDays":', handling_business_days, '}')
           from orders o where o.store_id = of_store and o.status = 'paid'),
          ',"lowStock":',
          (select concat('{"threshold":', low_stock_at, ',"count":', count(*), ',"items":[',
             array_to_string((array_agg(concat('{"productId":"', l.product_id, '","title":', to_json(l.title),
               ',"variant":', coalesce(to_json(l.variant)::text, 'null'), ',"stock":', l.stock, '}')
               order by l.stock, l.title, l.variant))[1:low_stock_shown], ','), ']}')
           from (
             select p.id as product_id, p.title, null::text as variant, p.stock
               from products p
               where p.store_id = of_store and p.status = 'active' and cardinality(p.option_names) = 0 and p.stock <= low_stock_at
             union all
             select p.id, p.title, array_to_string(v.option_values, ' · '), v.stock
               from products p join product_variants v on v.product_id = p.id
               where p.store_id = of_store and p.status = 'active' and cardinality(p.option_names) > 0
                 and v.active and v.stock <= low_stock_at
           ) l),
          ',"rating":{"average":', coalesce(a.store::text, 'null'), ',"count":', st.rating_count,
          ',"recent":{"average":', coalesce(a.recent::text, 'null'), ',"count":', t.recent_count,
          '},"earlier":{"average":', coalesce(a.earlier::text, 'null'), ',"count":', t.earlier_count,
          '},"trend":"',
          case when a.recent is null or a.earlier is null then 'unknown' when a.recent > a.earlier then 'up'
            when a.recent < a.earlier then 'down' else 'steady' end,
          '","trendDays":', trend_days, '}}')
        from stores st,
          lateral (
            select coalesce(sum(v.rating) filter (where v.created_at >= recent_from), 0) as recent_sum,
              count(*) filter (where v.created_at >= recent_from) as recent_count,
              coalesce(sum(v.rating) filter (where v.created_at < recent_from), 0) as earlier_sum,
              count(*) filter (where v.created_at < recent_from) as earlier_count
            from reviews v
            -- The store's product ids as an array: the generic plan walks reviews_product_newest_idx from
            -- each (with "in (select …)" it walked every product's reviews of the 60 days, then
            -- kept the store's).
            where v.product_id = any (array(select p.id from products p where p.store_id = of_store))
              and v.hidden_at is null and v.created_at >= earlier_from and v.created_at < at
          ) t,
          lateral (
            select
              case when st.rating_count > 0 then floor(st.rating_sum::float8 / st.rating_count * 10 + 0.5) / 10 end as store,
              case when t.recent_count > 0 then floor(t.recent_sum::float8 / t.recent_count * 10 + 0.5) / 10 end as recent,
              case when t.earlier_count > 0 then floor(t.earlier_sum::float8 / t.earlier_count * 10 + 0.5) / 10 end as earlier
          ) a
        where st.id = of_store
      );
    end
    $$;
    -- The session of a token (auth's auth_session_user, migration 022) and its account's dashboard in
    -- one call, so the route makes one round trip: no row without a live session (401); a null body
    -- when the account has no store (403 NO_STORE).
    create function seller_dashboard_of_session(
      session_token text, first_day date, day_count int, at timestamptz, late_before timestamptz,
      recent_from timestamptz, earlier_from timestamptz, low_stock_at int, low_stock_shown int,
      handling_business_days int, trend_days int
    ) returns table (
      "sessionId" text, "sessionCreatedAt" timestamptz, "sessionUpdatedAt" timestamptz, "sessionExpiresAt" timestamptz,
      id text, email text, "emailVerified" boolean, "displayName" text, phone text, country text, "createdAt" timestamptz,
      roles text[], body text
    ) language plpgsql stable as $$
    begin
      return query
      select u."sessionId", u."sessionCreatedAt", u."sessionUpdatedAt", u."sessionExpiresAt", u.id, u.email,
        u."emailVerified", u."displayName", u.phone, u.country, u."createdAt", u.roles,
        seller_dashboard_text(u.id, first_day, day_count, at, late_before, recent_from, earlier_from, low_stock_at,
          low_stock_shown, handling_business_days, trend_days)
      from auth_session_user(session_token) u;
    end
    $$;
  `.execute(db);
}
