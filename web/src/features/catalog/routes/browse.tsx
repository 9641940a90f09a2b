import { useEffect, useEffectEvent, useRef } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApiError } from '../../../api/client.ts';
import { catalogApi, searchQueryString, SORTS, type CategorySummary, type SearchResults, type Sort } from '../api.ts';
import { useCountry } from '../../../lib/country-context.tsx';
import { useCurrency } from '../../../lib/currency-context.tsx';
import { FilterPanel } from '../components/filter-panel.tsx';
import { ShipsToToggle } from '../components/ships-to-toggle.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { ProductGrid } from '../components/product-card.tsx';
import { browseHref, hasFilters, readBrowseState, toSearchQuery, type BrowseState } from '../browse-params.ts';
import { currencyDigits, formatCount, pluralize } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { NotFoundPage } from '../../../components/not-found.tsx';
import '../styles.css';

export const SORT_LABELS: Record<Sort, string> = {
  relevance: 'Relevance',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  newest: 'Newest',
  best_selling: 'Best selling',
};

function defaultSort(state: BrowseState): Sort {
  return state.q === '' ? 'newest' : 'relevance';
}

/** Sort order applies as soon as it is chosen; the filters keep their own "Apply" button. */
function SortSelect({ state, onSort }: { state: BrowseState; onSort: (sort: Sort) => void }) {
  // Relevance only means something when there are words to match.
  const sorts = SORTS.filter((sort) => sort !== 'relevance' || state.q !== '');
  return (
    <div className="sort-field">
      <label htmlFor="browse-sort">Sort by</label>
      <select
        id="browse-sort"
        value={state.sort ?? defaultSort(state)}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          const sort = SORTS.find((item) => item === chosen);
          if (sort !== undefined) onSort(sort);
        }}
      >
        {sorts.map((sort) => (
          <option key={sort} value={sort}>
            {SORT_LABELS[sort]}
          </option>
        ))}
      </select>
    </div>
  );
}

// Plain names for the search fields the server may reject; its own messages are written for developers.
const FIELD_LABELS: Record<string, string> = {
  q: 'The search words',
  category: 'The category',
  minPrice: 'The min price',
  maxPrice: 'The max price',
  shipsTo: 'The ships-to country',
  sort: 'The sort order',
  page: 'The page number',
};

function SearchError({ error, clearHref, onRetry }: { error: ApiError; clearHref: string; onRetry: () => void }) {
  if (error.code !== 'VALIDATION_FAILED') return <LoadError error={error} what="products" onRetry={onRetry} />;
  const fields = new Set(error.details.map((issue) => issue.field.split(/[./]/).at(-1) ?? ''));
  const problems = [...fields].flatMap((field) =>
    FIELD_LABELS[field] === undefined ? [] : [`${FIELD_LABELS[field]} could not be used.`],
  );
  return (
    <div role="alert" className="notice notice-error">
      <p>These filters could not be applied.</p>
      {problems.length > 0 ? (
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link to={clearHref}>Clear filters</Link>
      </p>
    </div>
  );
}

/** What an empty search offers instead: other spellings, the categories, the best sellers. */
function NoResultsHelp({ help, state }: { help: NonNullable<SearchResults['noResults']>; state: BrowseState }) {
  return (
    <>
      {help.spellings.map((spelling) => (
        <p key={spelling}>
          Did you mean{' '}
          <Link to={browseHref({ ...state, q: spelling, exact: false, page: 1 })}>
            <strong>{spelling}</strong>
          </Link>
          ?
        </p>
      ))}
      {help.categories.length > 0 ? (
        <nav aria-labelledby="empty-categories">
          <h2 id="empty-categories">Browse a category</h2>
          <ul className="empty-categories">
            {help.categories.map((category) => (
              <li key={category.slug}>
                <Link to={`/c/${encodeURIComponent(category.slug)}`}>{category.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {help.popular.length > 0 ? (
        <section aria-labelledby="empty-popular">
          <h2 id="empty-popular">Popular right now</h2>
          <ProductGrid products={help.popular} headingLevel={3} />
        </section>
      ) : null}
    </>
  );
}

function Results({ results, state, clearHref }: { results: SearchResults; state: BrowseState; clearHref: string }) {
  if (results.total === 0) {
    return (
      <div className="empty-results">
        <p>No products match your search.</p>
        {hasFilters(state) ? (
          <p>
            <Link to={clearHref}>Clear filters</Link>
          </p>
        ) : null}
        {results.noResults !== null ? <NoResultsHelp help={results.noResults} state={state} /> : null}
      </div>
    );
  }
  if (results.items.length === 0) {
    return (
      <div className="empty-results">
        <p>There are no results on this page.</p>
        <p>
          <Link to={browseHref({ ...state, page: 1 })}>Go to the first page</Link>
        </p>
      </div>
    );
  }
  return <ProductGrid products={results.items} headingLevel={2} />;
}

function countText({ total, totalIsCapped }: SearchResults): string {
  return totalIsCapped === true ? `More than ${formatCount(total - 1)} results` : pluralize(total, 'result', 'results');
}

function headingFor(
  state: BrowseState,
  category: CategorySummary | undefined,
  results: SearchResults | undefined,
): string | null {
  if (state.q !== '') return `Results for "${state.q}"`;
  if (state.category === '') return 'All products';
  if (category !== undefined) return category.name;
  return results?.items.find((item) => item.category.slug === state.category)?.category.name ?? null;
}

/** /c/:slug and /search: one page of products with filters, sort order and pagination. */
export function BrowsePage() {
  const { slug } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { country } = useCountry();
  const { currency: displayCurrency } = useCurrency();
  // Price bounds are typed in the display currency, with its real decimals (decision 060).
  const priceCurrency =
    displayCurrency === null ? null : { code: displayCurrency, digits: currencyDigits(displayCurrency) };
  const state = readBrowseState(params, slug, priceCurrency?.digits);

  const categoriesLoad = useLoad('categories', (signal) => catalogApi.listCategories(signal));
  const query = toSearchQuery(state, country, priceCurrency);
  const { state: load, retry } = useLoad(searchQueryString(query), (signal) => catalogApi.search(query, signal));

  const categories = categoriesLoad.state.status === 'loaded' ? categoriesLoad.state.data : null;
  const category = categories?.find((item) => item.slug === state.category);
  const results = load.status === 'loaded' ? load.data : load.status === 'loading' ? load.stale : undefined;
  const unknownCategory = slug !== undefined && categories !== null && category === undefined;
  const heading =
    headingFor(state, category, results) ?? (categoriesLoad.state.status === 'failed' ? state.category : null);
  usePageTitle(unknownCategory ? 'Page not found' : (heading ?? 'Products'));

  // The listing follows the header's country by default; a shared link's own country gives way to
  // a country the shopper chooses in the header.
  const followCountry = useEffectEvent((code: string) => {
    if (state.shipsTo !== '' && state.shipsTo !== 'all' && state.shipsTo !== code)
      navigate(browseHref({ ...state, shipsTo: '', page: 1 }), { replace: true });
  });
  const lastCountry = useRef(country);
  useEffect(() => {
    if (lastCountry.current === country) return;
    lastCountry.current = country;
    followCountry(country);
  }, [country]);

  // After following a pagination link, start reading at the top of the new page.
  const focusTop = useRef(false);
  useEffect(() => {
    if (!focusTop.current) return;
    focusTop.current = false;
    document.querySelector<HTMLElement>('main h1')?.focus();
    window.scrollTo(0, 0);
  }, [location.search]);

  if (unknownCategory) return <NotFoundPage />;

  const clearHref = browseHref({
    ...state,
    min: '',
    max: '',
    shipsTo: '',
    onOffer: false,
    freeShipping: false,
    page: 1,
  });
  const count = load.status === 'loaded' ? countText(load.data) : load.status === 'loading' ? 'Loading results…' : '';

  return (
    <>
      {heading !== null ? <h1 tabIndex={-1}>{heading}</h1> : <Loading>Loading…</Loading>}
      <div className="browse">
        <div className="browse-filters">
          <FilterPanel
            formKey={location.pathname + location.search}
            state={state}
            categories={categories}
            onApply={(next) => navigate(browseHref(next))}
          />
          {hasFilters(state) ? (
            <p className="filters-clear">
              <Link to={clearHref}>Clear filters</Link>
            </p>
          ) : null}
        </div>
        <div className="browse-results">
          <div className="results-bar">
            <p role="status" className="result-count">
              {count}
              {load.status === 'loaded' && load.data.correctedQuery !== null ? (
                <span className="corrected-query">
                  Showing results for <strong>{load.data.correctedQuery}</strong> ·{' '}
                  <Link to={browseHref({ ...state, q: load.data.originalQuery ?? state.q, exact: true, page: 1 })}>
                    Search instead for {load.data.originalQuery ?? state.q}
                  </Link>
                </span>
              ) : null}
            </p>
            <ShipsToToggle
              shipsTo={state.shipsTo}
              onChange={(shipsTo) => navigate(browseHref({ ...state, shipsTo, page: 1 }))}
            />
            <SortSelect
              state={state}
              onSort={(sort) =>
                navigate(browseHref({ ...state, sort: sort === defaultSort(state) ? null : sort, page: 1 }))
              }
            />
          </div>
          {load.status === 'failed' ? <SearchError error={load.error} clearHref={clearHref} onRetry={retry} /> : null}
          {results !== undefined ? (
            <div className="results" aria-busy={load.status === 'loading'}>
              <Results results={results} state={state} clearHref={clearHref} />
              <Pagination
                page={results.page}
                totalPages={results.totalPages}
                hrefFor={(page) => browseHref({ ...state, page })}
                onFollow={() => {
                  focusTop.current = true;
                }}
              />
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}
