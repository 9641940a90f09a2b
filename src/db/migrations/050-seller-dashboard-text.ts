// The seller dashboard's response body written by the database, in a function whose plan it keeps
// (issue 19, decision 055's addendum). Before, the dashboard's statement (its pieces written by the
// modules owning the tables) was parsed and planned on every request (≈ 0.5 ms on PostgreSQL, 1 ms
// on PGlite, as long as running it), and the web process decoded its JSON, filled the 90 days,
// mapped and serialised the body again. PL/pgSQL prepares the statement once per connection;
// `plan_cache_mode = force_generic_plan` keeps that plan (EXPLAIN showed the generic plan is the
// custom one: every piece is an index or a small scan of the one store's rows).
//
// The text is what the route's response schema (DashboardSchema) serialised before, byte for byte:
// keys in the schema's order, no spaces, strings through to_json, the rating's mean rounded as
// ratingOf rounds it (Math.round(sum / count * 10) / 10, in double precision: floor(x + 0.5) equals
// Math.round for these positive x). test/seller-dashboard-body.test.ts proves it against the
// previous statement and mapping on random stores. It takes the signed-in account: null when it has
// no store (403 NO_STORE), so the route reads the store and the figures in one round trip.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function seller_dashboard_text(
      owner text, first_day date, day_count int, at timestamptz, late_before timestamptz,
      recent_from timestamptz, earlier_from timestamptz, low_stock_at int, low_stock_shown int,
      handling_business_days int, trend_days int
    ) returns text language plpgsql stable set plan_cache_mode = force_generic_plan as $$
    declare
      of_store uuid;
    begin
      -- The owner's store (the seller center's requireOwnStore), found in the same call.
      select s.id into of_store from stores s where s.owner_user_id = owner;
      if of_store is null then
        return null;
      end if;
      return (
        with sold as materialized (
          select d.day, d.currency, d.orders, d.sales_minor from store_sales_days d
          where d.store_id = of_store and d.day >= first_day and d.day < first_day + day_count
        ), calendar as (
          select first_day + i as day from generate_series(0, day_count - 1) i
        )
        select concat(
          '{"days":[',
          (select string_agg(concat('{"date":"', to_char(c.day, 'YYYY-MM-DD'), '","orders":', coalesce(n.orders, 0), '}'), ','
             order by c.day)
           from calendar c left join (select s.day, sum(s.orders) as orders from sold s group by s.day) n on n.day = c.day),
          '],"sales":[',
          (select string_agg(concat('{"currency":', to_json(cur.currency), ',"amounts":[',
               (select string_agg(coalesce(s.sales_minor, 0)::text, ',' order by c.day)
                from calendar c left join sold s on s.day = c.day and s.currency = cur.currency), ']}'), ','
             order by cur.currency collate "C")
           from (select distinct s.currency from sold s) cur),
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
  `.execute(db);
}
