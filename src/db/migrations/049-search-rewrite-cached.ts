// Searches plan in less time (issue 18, decision 057). The query's words are still folded into the
// constants a search is planned with (migration 039): the four functions below stay immutable, so
// the planner evaluates them once per reference when it plans a search. What changes is what one
// evaluation costs. As SQL functions, every evaluation planned the function's body afresh, and
// catalog_search_query's ts_rewrite(query, 'select …') prepared its select of the synonyms on every
// call; catalog_categories_named rewrote the query twice per category row. A search's statement
// references them 4 to 12 times, so planning a one-word search took ≈ 1.7 ms and a two-word one ≈ 3 ms,
// most of it in these evaluations (EXPLAIN on the 100,000-product catalogue).
// As PL/pgSQL the statements inside are planned once per connection and kept:
// - catalog_search_query applies the synonyms one row at a time with ts_rewrite(query, target,
//   substitute), over the same select in the same order as ts_rewrite's select form, which also applies
//   its rows one after another: the same query (an AND's operands may come out in another order, which
//   neither matching nor ts_rank sees; test/search-rewrite.test.ts compares both).
// - catalog_categories_named rewrites the query once, not twice per category.
// - catalog_categories_in and catalog_query_beside_categories keep their select, now planned once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function catalog_search_query(q text) returns tsquery
    language plpgsql immutable parallel safe as $$
    declare
      tq tsquery := websearch_to_tsquery('english', q);
      r record;
    begin
      if numnode(tq) = 0 then
        return tq;
      end if;
      for r in select s.target, s.substitute from search_synonyms s where numnode(s.target) > 0 loop
        tq := ts_rewrite(tq, r.target, r.substitute);
      end loop;
      return tq;
    end
    $$;

    create or replace function catalog_categories_named(q text) returns text[]
    language plpgsql immutable parallel safe as $$
    declare
      tq tsquery := catalog_search_query(q);
    begin
      if numnode(tq) = 0 then
        return '{}';
      end if;
      return (select coalesce(array_agg(c.slug order by c.slug), '{}') from categories c
              where to_tsvector('english', c.name) @@ tq);
    end
    $$;

    create or replace function catalog_categories_in(q text) returns text[]
    language plpgsql immutable parallel safe as $$
    begin
      return (select coalesce(array_agg(distinct x.slug order by x.slug) filter (where x.slug is not null), '{}')
              from catalog_category_words(q) x);
    end
    $$;

    create or replace function catalog_query_beside_categories(q text) returns tsquery
    language plpgsql immutable parallel safe as $$
    begin
      return (select catalog_search_query(coalesce(string_agg(x.word, ' '), ''))
              from (select word from catalog_category_words(q) group by word having count(slug) = 0) x);
    end
    $$;
  `.execute(db);
}
