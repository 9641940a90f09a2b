import { useEffect, useEffectEvent, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
import { currencyDigits, formatCount } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { NotFoundPage } from '../../../components/not-found.tsx';
import '../styles.css';

type Translate = ReturnType<typeof useTranslation>['t'];

export function sortLabel(sort: Sort, t: Translate): string {
  switch (sort) {
    case 'relevance':
      return t('catalog:sort.relevance');
    case 'price_asc':
      return t('catalog:sort.priceAsc');
    case 'price_desc':
      return t('catalog:sort.priceDesc');
    case 'newest':
      return t('catalog:sort.newest');
    case 'best_selling':
      return t('catalog:sort.bestSelling');
  }
}

function defaultSort(state: BrowseState): Sort {
  return state.q === '' ? 'newest' : 'relevance';
}

/** Sort order applies as soon as it is chosen; the filters keep their own "Apply" button. */
function SortSelect({ state, onSort }: { state: BrowseState; onSort: (sort: Sort) => void }) {
  const { t } = useTranslation('catalog');
  // Relevance only means something when there are words to match.
  const sorts = SORTS.filter((sort) => sort !== 'relevance' || state.q !== '');
  return (
    <div className="sort-field">
      <label htmlFor="browse-sort">{t('sort.label')}</label>
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
            {sortLabel(sort, t)}
          </option>
        ))}
      </select>
    </div>
  );
}

// Plain words for the search fields the server may reject; its own messages are written for developers.
function fieldProblem(field: string, t: Translate): string | null {
  switch (field) {
    case 'q':
      return t('searchError.q');
    case 'category':
      return t('searchError.category');
    case 'minPrice':
      return t('searchError.minPrice');
    case 'maxPrice':
      return t('searchError.maxPrice');
    case 'shipsTo':
      return t('searchError.shipsTo');
    case 'sort':
      return t('searchError.sort');
    case 'page':
      return t('searchError.page');
    default:
      return null;
  }
}

function SearchError({ error, clearHref, onRetry }: { error: ApiError; clearHref: string; onRetry: () => void }) {
  const { t } = useTranslation('catalog');
  if (error.code !== 'VALIDATION_FAILED')
    return <LoadError error={error} what={t('browse.loadWhat')} onRetry={onRetry} />;
  const fields = new Set(error.details.map((issue) => issue.field.split(/[./]/).at(-1) ?? ''));
  const problems = [...fields].flatMap((field) => {
    const problem = fieldProblem(field, t);
    return problem === null ? [] : [problem];
  });
  return (
    <div role="alert" className="notice notice-error">
      <p>{t('searchError.title')}</p>
      {problems.length > 0 ? (
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link to={clearHref}>{t('browse.clearFilters')}</Link>
      </p>
    </div>
  );
}

/** What an empty search offers instead: other spellings, the categories, the best sellers. */
function NoResultsHelp({ help, state }: { help: NonNullable<SearchResults['noResults']>; state: BrowseState }) {
  const { t } = useTranslation('catalog');
  return (
    <>
      {help.spellings.map((spelling) => (
        <p key={spelling}>
          <Trans
            t={t}
            i18nKey="browse.didYouMean"
            values={{ spelling }}
            components={{
              anchor: <Link to={browseHref({ ...state, q: spelling, exact: false, page: 1 })} />,
              strong: <strong />,
            }}
          />
        </p>
      ))}
      {help.categories.length > 0 ? (
        <nav aria-labelledby="empty-categories">
          <h2 id="empty-categories">{t('browse.browseCategory')}</h2>
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
          <h2 id="empty-popular">{t('browse.popular')}</h2>
          <ProductGrid products={help.popular} headingLevel={3} />
        </section>
      ) : null}
    </>
  );
}

function Results({ results, state, clearHref }: { results: SearchResults; state: BrowseState; clearHref: string }) {
  const { t } = useTranslation('catalog');
  if (results.total === 0) {
    return (
      <div className="empty-results">
        <p>{t('browse.noMatch')}</p>
        {hasFilters(state) ? (
          <p>
            <Link to={clearHref}>{t('browse.clearFilters')}</Link>
          </p>
        ) : null}
        {results.noResults !== null ? <NoResultsHelp help={results.noResults} state={state} /> : null}
      </div>
    );
  }
  if (results.items.length === 0) {
    return (
      <div className="empty-results">
        <p>{t('browse.emptyPage')}</p>
        <p>
          <Link to={browseHref({ ...state, page: 1 })}>{t('browse.firstPage')}</Link>
        </p>
      </div>
    );
  }
  return <ProductGrid products={results.items} headingLevel={2} />;
}

function countText({ total, totalIsCapped }: SearchResults, t: Translate): string {
  return totalIsCapped === true
    ? t('browse.moreThan', { count: total - 1 })
    : t('browse.resultCount', { count: total });
}

function headingFor(
  state: BrowseState,
  category: CategorySummary | undefined,
  results: SearchResults | undefined,
  t: Translate,
): string | null {
  if (state.q !== '') return t('browse.resultsFor', { q: state.q });
  if (state.category === '') return t('browse.allProducts');
  if (category !== undefined) return category.name;
  return results?.items.find((item) => item.category.slug === state.category)?.category.name ?? null;
}

/** /c/:slug and /search: one page of products with filters, sort order and pagination. */
export function BrowsePage() {
  const { t } = useTranslation('catalog');
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
    headingFor(state, category, results, t) ?? (categoriesLoad.state.status === 'failed' ? state.category : null);
  usePageTitle(unknownCategory ? t('common:notFound.title') : (heading ?? t('browse.products')));

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
  const count =
    load.status === 'loaded' ? countText(load.data, t) : load.status === 'loading' ? t('browse.loadingResults') : '';

  return (
    <>
      {heading !== null ? <h1 tabIndex={-1}>{heading}</h1> : <Loading>{t('browse.loading')}</Loading>}
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
              <Link to={clearHref}>{t('browse.clearFilters')}</Link>
            </p>
          ) : null}
        </div>
        <div className="browse-results">
          <div className="results-bar">
            <p role="status" className="result-count">
              {count}
              {load.status === 'loaded' && load.data.correctedQuery !== null ? (
                <span className="corrected-query">
                  <Trans
                    t={t}
                    i18nKey="browse.showingResultsFor"
                    values={{ corrected: load.data.correctedQuery }}
                    components={{ strong: <strong /> }}
                  />{' '}
                  ·{' '}
                  <Link to={browseHref({ ...state, q: load.data.originalQuery ?? state.q, exact: true, page: 1 })}>
                    {t('browse.searchInstead', { q: load.data.originalQuery ?? state.q })}
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
