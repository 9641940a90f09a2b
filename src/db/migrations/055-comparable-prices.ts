// Prices compared across currencies (issue 20, decision 060). Each product keeps
// comparable_price_minor: its price now (current_price_minor) converted to the base currency of the
// rate set in use, in that currency's minor units, exactly as convertMinor does it
// (src/modules/currency/convert.ts: one integer division, half away from zero). Price sorts walk it;
// price filters take a range of it from its index and then test each product's price converted
// exactly into the filter's currency (catalog_price_in), so a bound is never off by a minor unit.
// - A trigger keeps it right when a product's price or currency is written (every writer: seller
//   edits, offers, variants' roll-up, imports, fixtures).
// - When a rate set is recorded, a deferred trigger rewrites every product's value at the commit of
//   the transaction that recorded it (after its rates are inserted): the new set and the new values
//   become visible together. The rewrite touches products rows, so the catalogue's version moves
//   (migration 048); the set is versioned too, since a filter in another currency reads its rates.
// - Without any rate set, or for a currency the set in use does not quote, the value is the price
//   itself (unconverted), as before.
import { sql, type Kysely } from 'kysely';
import { CURRENCY_CODES, minorUnitExponent } from '../../lib/iso4217.ts';

const withExponent = (exponent: number) =>
  CURRENCY_CODES.filter((code) => minorUnitExponent(code) === exponent)
    .map((code) => `'${code}'`)
    .join(', ');

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- ISO 4217 minor units (src/lib/iso4217.ts at the time of this migration): 2 unless listed.
    create function currency_exponent(code text) returns int language sql immutable parallel safe as $$
      select case when code in (${sql.raw(withExponent(0))}) then 0
                  when code in (${sql.raw(withExponent(3))}) then 3 else 2 end
    $$;

    -- convertMinor in SQL: amount × to_rate × 10^to_exp / (from_rate × 10^from_exp), rates of one set,
    -- one exact integer division rounded half away from zero (amounts are never negative here).
    -- Null when a rate is missing; the largest bigint when the answer is larger.
    create function currency_convert_minor(amount bigint, from_rate numeric, from_exp int, to_rate numeric, to_exp int)
    returns bigint language plpgsql immutable parallel safe as $$
    declare
      n numeric;
      d numeric;
      q numeric;
    begin
      if amount is null or from_rate is null or to_rate is null then return null; end if;
      -- Rates have 12 places: times 10^12 they are exact integers.
      n := amount * (to_rate * 1000000000000) * (10::numeric ^ greatest(to_exp - from_exp, 0));
      d := (from_rate * 1000000000000) * (10::numeric ^ greatest(from_exp - to_exp, 0));
      q := div(n, d);
      if 2 * (n - q * d) >= d then q := q + 1; end if;
      -- Beyond a bigint (a price in a currency worth almost nothing): the largest, so it sorts last.
      return least(q, 9223372036854775807)::bigint;
    end
    $$;

    -- The rate set in use: the newest recorded (as RateBook reads it).
    create function exchange_rate_set_in_use() returns uuid language sql stable parallel safe as $$
      select id from exchange_rate_sets order by recorded_at desc, id desc limit 1
    $$;

    -- amount of cur in to_cur (null: the base of the set in use), converted with the set in use.
    -- Without any set, the amount itself when no conversion is asked for; null when a rate is missing.
    create function catalog_price_in(amount bigint, cur text, to_cur text) returns bigint
    language plpgsql stable parallel safe as $$
    declare
      in_use uuid := exchange_rate_set_in_use();
      target text;
      from_rate numeric;
      to_rate numeric;
    begin
      if in_use is null then
        return case when to_cur is null or to_cur = cur then amount end;
      end if;
      target := coalesce(to_cur, (select s.base from exchange_rate_sets s where s.id = in_use));
      if target = cur then return amount; end if;
      select r.rate into from_rate from exchange_rates r where r.set_id = in_use and r.currency = cur;
      select r.rate into to_rate from exchange_rates r where r.set_id = in_use and r.currency = target;
      return currency_convert_minor(amount, from_rate, currency_exponent(cur), to_rate, currency_exponent(target));
    end
    $$;

    -- The range of comparable_price_minor that holds every product whose price in cur (null: the
    -- base) rounds to at least low (side 'low') or at most high (side 'high'), with a minor unit
    -- to spare: the index narrows the search, catalog_price_in decides exactly.
    create function catalog_comparable_bound(bound bigint, cur text, side text) returns bigint
    language plpgsql stable parallel safe as $$
    declare
      in_use uuid := exchange_rate_set_in_use();
      base_code text;
      base_rate numeric;
      cur_rate numeric;
      edge numeric;
    begin
      if in_use is null then return bound; end if;
      select s.base into base_code from exchange_rate_sets s where s.id = in_use;
      cur := coalesce(cur, base_code);
      select r.rate into base_rate from exchange_rates r where r.set_id = in_use and r.currency = base_code;
      select r.rate into cur_rate from exchange_rates r where r.set_id = in_use and r.currency = cur;
      -- A currency the set does not quote: an empty range (catalog_price_in would find nothing either).
      if cur_rate is null or base_rate is null then return case when side = 'low' then 1 else 0 end; end if;
      edge := (bound + case when side = 'low' then -0.5 else 0.5 end) * base_rate
        * (10::numeric ^ currency_exponent(base_code)) / (cur_rate * (10::numeric ^ currency_exponent(cur)));
      return case when side = 'low' then greatest(floor(edge) - 1, 0) else ceil(edge) + 1 end;
    end
    $$;

    -- The update below queues the catalogue version's deferred events (migration 048) on products,
    -- and a table with pending trigger events cannot be altered (on a database that has products; a
    -- new one has none): for the rest of the migrations' transaction they fire with each statement.
    set constraints all immediate;
    alter table products add column comparable_price_minor bigint;
    update products set comparable_price_minor = coalesce(catalog_price_in(current_price_minor, currency, null), current_price_minor);
    alter table products alter column comparable_price_minor set not null;

    create function products_comparable_price() returns trigger language plpgsql as $$
    begin
      new.comparable_price_minor := coalesce(catalog_price_in(new.current_price_minor, new.currency, null), new.current_price_minor);
      return new;
    end
    $$;
    create trigger products_comparable_price before insert or update of current_price_minor, currency on products
      for each row execute function products_comparable_price();

    -- At the commit of a transaction that recorded a set: every product's value with the set in use.
    create function products_comparable_rewrite() returns trigger language plpgsql as $$
    declare
      in_use uuid := exchange_rate_set_in_use();
      base_code text := (select s.base from exchange_rate_sets s where s.id = in_use);
      base_rate numeric := (select r.rate from exchange_rates r where r.set_id = in_use and r.currency = base_code);
    begin
      if current_setting('souk.comparable_rewritten', true) is distinct from in_use::text then
        perform set_config('souk.comparable_rewritten', in_use::text, true);
        update products p set comparable_price_minor = n.v
        from (
          select p2.id, coalesce(
              case when p2.currency = base_code then p2.current_price_minor::bigint
                else currency_convert_minor(p2.current_price_minor, r.rate, currency_exponent(p2.currency), base_rate, currency_exponent(base_code)) end,
              p2.current_price_minor) as v
          from products p2 left join exchange_rates r on r.set_id = in_use and r.currency = p2.currency
        ) n
        where n.id = p.id and p.comparable_price_minor is distinct from n.v;
      end if;
      return null;
    end
    $$;
    create constraint trigger exchange_rate_sets_comparable_rewrite after insert on exchange_rate_sets
      deferrable initially deferred for each row execute function products_comparable_rewrite();
    create constraint trigger exchange_rate_sets_catalog_version after insert or update or delete on exchange_rate_sets
      deferrable initially deferred for each row execute function catalog_version_bump();

    -- The indexes of today's price sorts and filters, on the comparable value instead.
    drop index if exists products_current_price_idx;
    drop index if exists products_category_price_idx;
    create index products_comparable_price_idx on products (comparable_price_minor, id) where status = 'active';
    create index products_category_comparable_price_idx on products (category_slug, comparable_price_minor, id) where status = 'active';

    -- Listings without words (migration 045) sort by the comparable value too: the function's own
    -- text with the sort key replaced, so nothing else of it changes.
    do $do$
    declare
      definition text := pg_get_functiondef('catalog_listing(text, text, text, text, int, int, int)'::regprocedure);
    begin
      execute replace(definition, 'p.current_price_minor', 'p.comparable_price_minor');
    end
    $do$;
  `.execute(db);
}
