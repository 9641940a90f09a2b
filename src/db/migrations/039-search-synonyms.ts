// Search that understands (issue 18, decision 049). Plurals already fold: the full-text
// configuration is English, whose stemmer reads "lanterns" as "lantern" and "clothes" as "clothing".
// - Synonyms are data: search_synonyms says a word also means another ("sneakers" → "shoes"). The
//   query is rewritten by ts_rewrite inside the search's own statement, so "red sneakers" becomes
//   red & (sneaker | shoe): no extra round trip.
// - Suggestions while typing complete the last word from search_words: a prefix lookup, which the
//   primary key's collation cannot serve (LIKE 'lan%' needs text_pattern_ops outside the C locale).
// - A query that names a category ("clothes", "kitchen") also finds that category's products.
// Both are functions declared immutable though they read a table: the planner then folds them into
// constants when it plans a search, so it still sees the query's words (and their frequencies) and
// picks the plans decisions 021 and 027 tuned. The price: a plan cached by a prepared statement keeps
// the synonyms and categories it was planned with; searches are not prepared, and both tables change
// only with a deploy or a seed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table search_synonyms (
      word text primary key check (word ~ '^[a-z0-9-]{2,40}$'),
      means text not null check (means ~ '^[a-z0-9 -]{2,80}$'),
      target tsquery generated always as (to_tsquery('english', word)) stored,
      substitute tsquery generated always as (to_tsquery('english', word) || phraseto_tsquery('english', means)) stored
    );
    -- Everyday words for what titles call otherwise, one way: the word also means its "means".
    insert into search_synonyms (word, means) values
      ('clothes', 'clothing'), ('apparel', 'clothing'), ('garments', 'clothing'),
      ('sneakers', 'shoes'), ('trainers', 'shoes'), ('footwear', 'shoes'),
      ('mobile', 'phone'), ('cellphone', 'phone'), ('smartphone', 'phone'),
      ('tee', 't-shirt'), ('tshirt', 't-shirt'), ('jumper', 'sweater'), ('pants', 'trousers'),
      ('earphones', 'earbuds'), ('headset', 'headphones'), ('rucksack', 'backpack'),
      ('jewellery', 'jewelry'), ('carpet', 'rug');

    create index search_words_prefix_idx on search_words (word text_pattern_ops);

    create function catalog_search_query(q text) returns tsquery
    language sql immutable parallel safe as $$
      select ts_rewrite(websearch_to_tsquery('english', q), 'select target, substitute from search_synonyms where numnode(target) > 0')
    $$;

    create function catalog_categories_named(q text) returns text[]
    language sql immutable parallel safe as $$
      select coalesce(array_agg(c.slug order by c.slug), '{}')
      from categories c
      where numnode(catalog_search_query(q)) > 0 and to_tsvector('english', c.name) @@ catalog_search_query(q)
    $$;
  `.execute(db);
}
