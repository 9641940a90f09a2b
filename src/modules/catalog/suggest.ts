// Suggestions while typing (GET /api/search/suggest, issue 18): the categories whose name has a word
// starting with what was typed, and the query with its last word completed from the search
// vocabulary (search_words, every word of a title), the words most listed titles use first
// (search_words.products, migration 041). One statement; the words are found through
// search_words_prefix_idx (text_pattern_ops, migration 039), the categories are a handful of rows
// read whole.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { obj, errorResponses, type RouteApp } from '../../schemas.ts';
import { serialized, type CatalogCache } from './cache.ts';

export const SUGGESTIONS = 8;
/** Categories go first and take at most this many of the SUGGESTIONS. */
const CATEGORY_SUGGESTIONS = 3;

export const SuggestionSchema = obj({
  kind: { type: 'string', enum: ['category', 'search'] },
  text: { type: 'string', description: 'What to show, and for "search" what to search for.' },
  category: {
    type: ['string', 'null'],
    description: 'For "category": its slug (the page is /c/<slug>); otherwise null.',
  },
});

type Suggestion = { kind: 'category' | 'search'; text: string; category: string | null };

const WORD = /[\p{L}\p{N}]+/gu;

export async function suggestSearches(db: Kysely<DB>, typed: string): Promise<Suggestion[]> {
  const words = typed.toLowerCase().match(WORD) ?? [];
  const last = words.at(-1);
  if (last === undefined || last.length < 2) return [];
  const head = words.slice(0, -1).join(' ');
  const before = head === '' ? '' : `${head} `;
  // A word of letters and digits only: nothing in it is a LIKE wildcard.
  const { rows } = await sql<{ suggestions: Suggestion[] | null }>`
    with c as (
      select 'category' as kind, c.name as text, c.slug as category, 0 as tier, c.position as pos
      from categories c
      where ${head === ''} and (lower(c.name) like ${`${last}%`} or lower(c.name) like ${`% ${last}%`})
      order by c.position, c.name limit ${CATEGORY_SUGGESTIONS}
    ),
    w as (
      select 'search' as kind, ${before} || v.word as text, null::text as category, 1 as tier, -v.products as pos
      from search_words v
      where v.word like ${`${last}%`} and v.products > 0 and to_tsvector('english', v.word) <> ''::tsvector
      order by v.products desc, v.word limit ${SUGGESTIONS}
    ),
    s as (select * from c union all select * from w order by tier, pos, text limit ${SUGGESTIONS})
    select json_agg(json_build_object('kind', s.kind, 'text', s.text, 'category', s.category)) as suggestions from s`.execute(
    db,
  );
  return rows[0]?.suggestions ?? [];
}

export function suggestRoute(app: RouteApp, cache: CatalogCache): void {
  app.get(
    '/api/search/suggest',
    {
      schema: {
        tags: ['catalog'],
        summary: `Up to ${SUGGESTIONS} suggestions while typing: categories, then the query with its last word completed, the words most listed products use first.`,
        querystring: obj({ q: { type: 'string', minLength: 2, maxLength: 100, pattern: '\\S\\S' } }),
        response: { 200: obj({ suggestions: { type: 'array', items: SuggestionSchema } }), ...errorResponses },
      },
    },
    async (request, reply) =>
      cache.serve(request, reply, {
        key: ['suggest', request.query.q],
        compute: async (reads) => serialized(reply, { suggestions: await suggestSearches(reads, request.query.q) }),
      }),
  );
}
