// The public catalogue endpoints. Shapes follow the catalog module's response schemas.
import { request } from '../../api/client.ts';
import type { Rating } from '../posts/api.ts';

/** An amount in the currency's minor units (cents, pence; yen have none). */
export type Money = { amount: number; currency: string };

export type CategorySummary = { slug: string; name: string; productCount: number };

/** The fields every offer-aware price display needs. */
export type Priced = {
  price: Money;
  originalPrice: Money | null;
  discountPercent: number | null;
  /** ISO date-time. */
  offerEndsAt: string | null;
};

export type ProductCard = Priced & {
  id: string;
  title: string;
  imageUrl: string;
  store: { id: string; name: string };
  category: { slug: string; name: string };
  stock: number;
  /** Mean of the visible reviews and their number. */
  rating: Rating;
};

export type ShippingRate = { country: string; cost: Money; minDays: number | null; maxDays: number | null };

export type Product = Priced & {
  id: string;
  title: string;
  description: string;
  category: { slug: string; name: string };
  images: string[];
  stock: number;
  store: { id: string; name: string; country: string; rating: Rating };
  rating: Rating;
  /** Shipping to the country asked for; cost null when it is not available. */
  shipping: { country: string; available: boolean; cost: Money | null; minDays: number | null; maxDays: number | null };
  shipsTo: ShippingRate[];
};

export type HomeCatalog = { categories: CategorySummary[]; offers: ProductCard[]; newest: ProductCard[] };

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'best_selling'] as const;
export type Sort = (typeof SORTS)[number];

export type SearchQuery = {
  q?: string;
  category?: string;
  /** Minor units. */
  minPrice?: number;
  /** Minor units. */
  maxPrice?: number;
  /** ISO 3166-1 alpha-2. */
  shipsTo?: string;
  onOffer?: boolean;
  freeShipping?: boolean;
  sort?: Sort;
  page?: number;
  pageSize?: number;
};

export type SearchResults = {
  items: ProductCard[];
  total: number;
  /** Set by servers that stop counting: `total` is then one more than the count they stopped at. */
  totalIsCapped?: boolean;
  /** When the words as typed matched nothing and were read as typos: the query the results are for. */
  correctedQuery?: string | null;
  page: number;
  pageSize: number;
  totalPages: number;
};

/** Query string for the search endpoint: unset filters are left out, flags are sent only when on. */
export function searchQueryString(query: SearchQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === false || value === '') continue;
    params.set(name, String(value));
  }
  return params.toString();
}

export const catalogApi = {
  listCategories: async (signal?: AbortSignal): Promise<CategorySummary[]> =>
    ((await request('GET', '/api/categories', undefined, signal)) as { categories: CategorySummary[] }).categories,

  getHome: async (signal?: AbortSignal): Promise<HomeCatalog> =>
    (await request('GET', '/api/catalog/home', undefined, signal)) as HomeCatalog,

  search: async (query: SearchQuery, signal?: AbortSignal): Promise<SearchResults> => {
    const qs = searchQueryString(query);
    return (await request('GET', qs === '' ? '/api/search' : `/api/search?${qs}`, undefined, signal)) as SearchResults;
  },

  getProduct: async (id: string, country: string, signal?: AbortSignal): Promise<Product> =>
    (await request(
      'GET',
      `/api/products/${encodeURIComponent(id)}?${new URLSearchParams({ country }).toString()}`,
      undefined,
      signal,
    )) as Product,
};
