// The public catalogue: categories, the home page, search, product pages and store pages.
import { api, send, type QueryOf, type ResponseBody } from '../../api/client.ts';

export type CategorySummary = ResponseBody<'/api/categories', 'get'>['categories'][number];
export type HomeCatalog = ResponseBody<'/api/catalog/home', 'get'>;
export type SearchResults = ResponseBody<'/api/search', 'get'>;
export type ProductCard = SearchResults['items'][number];
export type Product = ResponseBody<'/api/products/{id}', 'get'>;
export type ShippingRate = Product['shipsTo'][number];
export type StorePageData = ResponseBody<'/api/stores/{slug}', 'get'>;
export type StoreQuery = QueryOf<'/api/stores/{slug}', 'get'>;
/** The fields every offer-aware price display needs. */
export type Priced = Pick<ProductCard, 'price' | 'originalPrice' | 'discountPercent' | 'offerEndsAt'> & {
  /** With variants priced apart: the top of the range (price is its bottom). */
  priceMax?: ProductCard['priceMax'];
};
export type ProductVariant = Product['variants'][number];

export type SearchQuery = QueryOf<'/api/search', 'get'>;
export type Sort = NonNullable<SearchQuery['sort']>;
export const SORTS = [
  'relevance',
  'price_asc',
  'price_desc',
  'newest',
  'best_selling',
] as const satisfies readonly Sort[];

/** Query string for the search endpoint: unset filters are left out, flags are sent only when on. */
export function searchQueryString(query: SearchQuery | StoreQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === false || value === '') continue;
    params.set(name, String(value));
  }
  return params.toString();
}

export const catalogApi = {
  listCategories: async (signal?: AbortSignal): Promise<CategorySummary[]> =>
    (await send(api.GET('/api/categories', { signal }))).categories,
  /** The home page's lists; with `shipsTo` (the header's country), only products that ship there. */
  getHome: (shipsTo: string | undefined, signal?: AbortSignal): Promise<HomeCatalog> =>
    send(api.GET('/api/catalog/home', { params: { query: shipsTo ? { shipsTo } : {} }, signal })),
  search: (query: SearchQuery, signal?: AbortSignal): Promise<SearchResults> =>
    send(api.GET('/api/search', { params: { query }, querySerializer: searchQueryString, signal })),
  getStore: (slug: string, query: StoreQuery, signal?: AbortSignal): Promise<StorePageData> =>
    send(
      api.GET('/api/stores/{slug}', {
        params: { path: { slug }, query },
        querySerializer: searchQueryString,
        signal,
      }),
    ),
  getProduct: (id: string, country: string, signal?: AbortSignal): Promise<Product> =>
    send(api.GET('/api/products/{id}', { params: { path: { id }, query: { country } }, signal })),
};

export type Suggestion = ResponseBody<'/api/search/suggest', 'get'>['suggestions'][number];

/** Suggestions for what is typed in the header's search box (at least two letters). */
export const suggestSearches = async (q: string, signal?: AbortSignal): Promise<Suggestion[]> =>
  (await send(api.GET('/api/search/suggest', { params: { query: { q } }, signal }))).suggestions;
