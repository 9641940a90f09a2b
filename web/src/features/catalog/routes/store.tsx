// /s/:slug — a store's page: its facts, "Message the seller", and its products with search, a
// category filter, sort order and pages, all from one request (GET /api/stores/:slug). A store its
// seller hid, a closed store and an unknown address each get a page that says so.
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApiError } from '../../../api/client.ts';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { Pagination } from '../../../components/pagination.tsx';
import { RatingSummary } from '../../../components/stars.tsx';
import { countryName } from '../../../lib/countries.ts';
import { useCountry } from '../../../lib/country-context.tsx';
import { formatCount, formatLocale } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { catalogApi, searchQueryString, SORTS, type Sort, type StorePageData, type StoreQuery } from '../api.ts';
import { ProductGrid } from '../components/product-card.tsx';
import { ShipsToToggle } from '../components/ships-to-toggle.tsx';
import { readShipsTo, shipsToQuery } from '../browse-params.ts';
import { sortLabel } from './browse.tsx';
import '../styles.css';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PAGE_SIZE = 24;

/**
 * shipsTo as on the search pages (browse-params.ts): '' the header's country, 'all', or a code;
 * exact: the words as typed, not corrected ("Search instead for …").
 */
type StoreState = { q: string; exact: boolean; category: string; shipsTo: string; sort: Sort | null; page: number };

function readState(params: URLSearchParams): StoreState {
  const sort = SORTS.find((s) => s === params.get('sort')) ?? null;
  const page = Number(params.get('page') ?? '1');
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  return {
    q,
    exact: q !== '' && params.get('exact') === 'true',
    category: /^[a-z0-9-]{1,64}$/.test(params.get('category') ?? '') ? params.get('category')! : '',
    shipsTo: readShipsTo(params),
    sort,
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

const defaultSort = (state: StoreState): Sort => (state.q === '' ? 'best_selling' : 'relevance');

function storeHref(slug: string, state: StoreState): string {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  if (state.exact && state.q !== '') params.set('exact', 'true');
  if (state.category !== '') params.set('category', state.category);
  if (state.shipsTo !== '') params.set('shipsTo', state.shipsTo);
  if (state.sort !== null && state.sort !== defaultSort(state)) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return `/s/${slug}${query ? `?${query}` : ''}`;
}

/** What a shopper reads instead of a store: hidden for now, closed for good, or no such store; null for other failures. */
function unavailableText(
  error: ApiError | null,
  t: ReturnType<typeof useTranslation>['t'],
): { title: string; body: string } | null {
  return error === null || error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED'
    ? { title: t('store.notFoundTitle'), body: t('store.notFoundBody') }
    : error.code === 'STORE_HIDDEN'
      ? { title: t('store.hiddenTitle'), body: t('store.hiddenBody') }
      : error.code === 'STORE_CLOSED'
        ? { title: t('store.closedTitle'), body: t('store.closedBody') }
        : null;
}

/** The page instead of a store. */
function Unavailable({ error, onRetry }: { error: ApiError | null; onRetry: () => void }) {
  const { t } = useTranslation('catalog');
  const text = unavailableText(error, t);
  if (text === null && error !== null) {
    return (
      <>
        <h1 tabIndex={-1}>{t('store.title')}</h1>
        <LoadError error={error} what={t('store.loadWhat')} onRetry={onRetry} />
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>{text!.title}</h1>
      <p>{text!.body}</p>
      <p>
        <Link to="/search">{t('store.browseAll')}</Link>
      </p>
    </>
  );
}

function StoreHeader({ store }: { store: StorePageData['store'] }) {
  const { t } = useTranslation('catalog');
  const since = new Intl.DateTimeFormat(formatLocale(), { month: 'long', year: 'numeric' }).format(
    new Date(store.openSince),
  );
  return (
    <header className="store-header">
      <h1 tabIndex={-1}>{store.name}</h1>
      <dl className="store-facts">
        <div>
          <dt>{t('store.basedIn')}</dt>
          <dd>{countryName(store.country)}</dd>
        </div>
        <div>
          <dt>{t('store.rating')}</dt>
          <dd>
            <RatingSummary rating={store.rating} size="small" />
          </dd>
        </div>
        <div>
          <dt>{t('store.orders')}</dt>
          <dd>{t('store.ordersShipped', { count: store.ordersCount })}</dd>
        </div>
        <div>
          <dt>{t('store.since')}</dt>
          <dd>{since}</dd>
        </div>
      </dl>
      {store.description !== '' ? <p className="store-description">{store.description}</p> : null}
      <p>
        <Link className="button" to={`/account/messages/new?store=${encodeURIComponent(store.slug)}`}>
          {t('product.messageSeller')}
        </Link>
      </p>
    </header>
  );
}

export function StorePage() {
  const { t } = useTranslation('catalog');
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const state = readState(params);
  const { country } = useCountry();
  const shipsTo = shipsToQuery(state.shipsTo, country);
  const valid = SLUG.test(slug) && slug.length <= 80;
  const query: StoreQuery = {
    ...(state.q !== '' ? { q: state.q } : {}),
    ...(state.exact ? { exact: true } : {}),
    ...(state.category !== '' ? { category: state.category } : {}),
    ...(shipsTo !== undefined ? { shipsTo } : {}),
    ...(state.sort !== null ? { sort: state.sort } : {}),
    page: state.page,
    pageSize: PAGE_SIZE,
  };
  const { state: load, retry } = useLoad(`${slug}?${searchQueryString(query)}`, (signal) =>
    valid ? catalogApi.getStore(slug, query, signal) : Promise.reject(null),
  );
  const data = load.status === 'loaded' ? load.data : load.status === 'loading' ? load.stale : undefined;
  const unavailable = !valid
    ? unavailableText(null, t)
    : load.status === 'failed'
      ? unavailableText(load.error, t)
      : null;
  usePageTitle(unavailable?.title ?? data?.store.name ?? t('store.title'));

  // After a page link, start reading at the top of the new page.
  const focusTop = useRef(false);
  useEffect(() => {
    if (!focusTop.current) return;
    focusTop.current = false;
    document.querySelector<HTMLElement>('main h1')?.focus();
    window.scrollTo(0, 0);
  }, [location.search]);

  if (!valid) return <Unavailable error={null} onRetry={retry} />;
  if (load.status === 'failed') return <Unavailable error={load.error} onRetry={retry} />;
  if (data === undefined) return <Loading>{t('store.loading')}</Loading>;

  const { store, products } = data;
  const go = (next: Partial<StoreState>) => navigate(storeHref(slug, { ...state, page: 1, ...next }));
  const count =
    load.status === 'loading'
      ? t('store.loadingProducts')
      : products.totalIsCapped
        ? t('store.moreThan', { count: products.total - 1 })
        : t('home.productCount', { count: products.total });
  const sorts = SORTS.filter((sort) => sort !== 'relevance' || state.q !== '');

  return (
    <>
      <StoreHeader store={store} />
      <section className="store-products" aria-labelledby="store-products-heading">
        <h2 id="store-products-heading">{t('store.products')}</h2>
        <form
          role="search"
          className="store-search"
          key={location.search}
          onSubmit={(event) => {
            event.preventDefault();
            const q = new FormData(event.currentTarget).get('q');
            go({ q: typeof q === 'string' ? q.trim() : '', exact: false, sort: null });
          }}
        >
          <label htmlFor="store-q">{t('store.search')}</label>
          <input id="store-q" name="q" type="search" defaultValue={state.q} maxLength={200} />
          <button type="submit" className="button button-secondary">
            {t('store.searchButton')}
          </button>
        </form>
        <div className="results-bar store-controls">
          <p role="status" className="result-count">
            {count}
            {load.status === 'loaded' && products.correctedQuery !== null ? (
              <span className="corrected-query">
                <Trans
                  t={t}
                  i18nKey="browse.showingResultsFor"
                  values={{ corrected: products.correctedQuery }}
                  components={{ strong: <strong /> }}
                />{' '}
                ·{' '}
                <Link to={storeHref(slug, { ...state, q: products.originalQuery ?? state.q, exact: true, page: 1 })}>
                  {t('browse.searchInstead', { q: products.originalQuery ?? state.q })}
                </Link>
              </span>
            ) : null}
          </p>
          <ShipsToToggle shipsTo={state.shipsTo} onChange={(next) => go({ shipsTo: next })} />
          <div className="sort-field">
            <label htmlFor="store-category">{t('filters.category')}</label>
            <select
              id="store-category"
              value={state.category}
              onChange={(e) => go({ category: e.currentTarget.value })}
            >
              <option value="">{t('filters.allCategories')}</option>
              {store.categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name} ({formatCount(c.productCount)})
                </option>
              ))}
            </select>
          </div>
          <div className="sort-field">
            <label htmlFor="store-sort">{t('sort.label')}</label>
            <select
              id="store-sort"
              value={state.sort ?? defaultSort(state)}
              onChange={(e) => go({ sort: SORTS.find((s) => s === e.currentTarget.value) ?? null })}
            >
              {sorts.map((sort) => (
                <option key={sort} value={sort}>
                  {sortLabel(sort, t)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="results" aria-busy={load.status === 'loading'}>
          {products.total === 0 ? (
            <div className="empty-results">
              <p>{state.q !== '' || state.category !== '' ? t('store.noMatch') : t('store.noProducts')}</p>
              {state.q !== '' || state.category !== '' ? (
                <p>
                  <Link to={`/s/${slug}`}>{t('store.showAll')}</Link>
                </p>
              ) : null}
            </div>
          ) : products.items.length === 0 ? (
            <div className="empty-results">
              <p>{t('store.emptyPage')}</p>
              <p>
                <Link to={storeHref(slug, { ...state, page: 1 })}>{t('browse.firstPage')}</Link>
              </p>
            </div>
          ) : (
            <ProductGrid products={products.items} headingLevel={3} />
          )}
          <Pagination
            page={products.page}
            totalPages={products.totalPages}
            hrefFor={(page) => storeHref(slug, { ...state, page })}
            onFollow={() => {
              focusTop.current = true;
            }}
          />
        </div>
      </section>
    </>
  );
}
