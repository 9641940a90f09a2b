// The category and search pages keep every filter, the sort order and the page in the address,
// so back/forward, reloads and shared links show the same results. Prices in the address are in
// major units as the shopper typed them ("12.50"), in the shopper's display currency; the API takes
// minor units of that currency (ISO 4217: 0, 2 or 3 decimals) with the currency named (decision 060).
import { SORTS, type SearchQuery, type Sort } from './api.ts';
import { isCountryCode } from '../../lib/countries.ts';

export type BrowseState = {
  q: string;
  /** Category slug, '' for all. */
  category: string;
  /** Major units as typed, '' when unset. */
  min: string;
  max: string;
  /**
   * '' (the default): only what ships to the header's "Ship to" country; 'all': everything (the
   * "Show items that don't ship to …" toggle); a country code: what ships there (a shared link).
   */
  shipsTo: string;
  onOffer: boolean;
  freeShipping: boolean;
  /** The words exactly as typed, not corrected ("Search instead for …"). */
  exact: boolean;
  /** null: the server's default (relevance with a query, newest without). */
  sort: Sort | null;
  page: number;
};

export const PAGE_SIZE = 24;

/** The most minor units a price filter takes (the API's bound). */
const MAX_MINOR = 1_000_000_000;

/**
 * A price as typed, in minor units of a currency with `digits` decimals: "12", "12.5", "12,50" →
 * 1250 with 2, "1500" → 1500 with 0 (yen have no decimals), "2.5" → 2500 with 3 (BHD); null if not
 * a price in that currency (too many decimals, or beyond what the filter takes). Exact: no floats.
 */
export function parseMajorPrice(text: string, digits = 2): number | null {
  const match = /^(\d{1,10})(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits || (digits === 0 && match[2] !== undefined)) return null;
  const minor = Number(match[1]!) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return minor <= MAX_MINOR ? minor : null;
}

function isSort(value: string | null): value is Sort {
  return SORTS.some((sort) => sort === value);
}

/** The address's ship-to choice: 'all', a country code, or '' (the header's country). */
export function readShipsTo(params: URLSearchParams): string {
  const shipsTo = params.get('shipsTo') ?? '';
  if (shipsTo === 'all') return 'all';
  return isCountryCode(shipsTo.toUpperCase()) ? shipsTo.toUpperCase() : '';
}

/** The API's shipsTo for a ship-to choice: the header's country by default, nothing for 'all'. */
export function shipsToQuery(shipsTo: string, country: string): string | undefined {
  if (shipsTo === 'all') return undefined;
  return shipsTo === '' ? country : shipsTo;
}

export function readBrowseState(params: URLSearchParams, pathCategory: string | undefined, digits = 2): BrowseState {
  const q = (params.get('q') ?? '').trim();
  const price = (name: string) => {
    const value = (params.get(name) ?? '').trim();
    return parseMajorPrice(value, digits) === null ? '' : value;
  };
  const shipsTo = readShipsTo(params);
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  return {
    q,
    category: pathCategory ?? params.get('category') ?? '',
    min: price('min'),
    max: price('max'),
    shipsTo,
    onOffer: params.get('onOffer') === 'true',
    freeShipping: params.get('freeShipping') === 'true',
    exact: q !== '' && params.get('exact') === 'true',
    // Relevance needs words to be relevant to.
    sort: isSort(sort) && !(sort === 'relevance' && q === '') ? sort : null,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The canonical address: /c/<slug> for a category without a query, else /search. */
export function browseHref(state: BrowseState): string {
  const inCategoryPath = state.q === '' && state.category !== '';
  const path = inCategoryPath ? `/c/${encodeURIComponent(state.category)}` : '/search';
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  if (!inCategoryPath && state.category !== '') params.set('category', state.category);
  if (state.min !== '') params.set('min', state.min);
  if (state.max !== '') params.set('max', state.max);
  if (state.shipsTo !== '') params.set('shipsTo', state.shipsTo);
  if (state.onOffer) params.set('onOffer', 'true');
  if (state.freeShipping) params.set('freeShipping', 'true');
  if (state.exact && state.q !== '') params.set('exact', 'true');
  if (state.sort !== null) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

/**
 * The API's query. `currency`: the shopper's display currency, which price bounds are typed in
 * (null without rates: the bounds are then in hundredths, compared with prices as they are).
 */
export function toSearchQuery(
  state: BrowseState,
  country: string,
  currency: { code: string; digits: number } | null = null,
): SearchQuery {
  const query: SearchQuery = { page: state.page, pageSize: PAGE_SIZE };
  if (state.q !== '') query.q = state.q;
  if (state.category !== '') query.category = state.category;
  const min = parseMajorPrice(state.min, currency?.digits ?? 2);
  const max = parseMajorPrice(state.max, currency?.digits ?? 2);
  if (min !== null) query.minPrice = min;
  if (max !== null) query.maxPrice = max;
  if (currency !== null && (min !== null || max !== null)) query.priceCurrency = currency.code;
  const shipsTo = shipsToQuery(state.shipsTo, country);
  if (shipsTo !== undefined) query.shipsTo = shipsTo;
  if (state.onOffer) query.onOffer = true;
  if (state.freeShipping) query.freeShipping = true;
  if (state.exact && state.q !== '') query.exact = true;
  if (state.sort !== null) query.sort = state.sort;
  return query;
}

export function hasFilters(state: BrowseState): boolean {
  return state.min !== '' || state.max !== '' || state.shipsTo !== '' || state.onOffer || state.freeShipping;
}
