import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { catalogApi, type CategorySummary, type ProductCard } from '../api.ts';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ProductGrid } from '../components/product-card.tsx';
import { useCountry } from '../../../lib/country-context.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { RecentlyViewedRow } from '../../saved/components/recently-viewed.tsx';
import '../styles.css';

function CategoryLinks({ categories }: { categories: CategorySummary[] }) {
  const { t } = useTranslation('catalog');
  return (
    <ul className="category-links">
      {categories.map((category) => (
        <li key={category.slug}>
          <Link to={`/c/${encodeURIComponent(category.slug)}`}>
            <span className="category-link-name">{category.name}</span>
            <span className="category-link-count">{t('home.productCount', { count: category.productCount })}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** Offers that end first come first; offers without an end date last. */
function byEndingSoon(products: ProductCard[]): ProductCard[] {
  const end = (product: ProductCard) =>
    product.offerEndsAt === null ? Infinity : Date.parse(product.offerEndsAt) || Infinity;
  return products.toSorted((a, b) => end(a) - end(b));
}

function Section({
  id,
  title,
  more,
  children,
}: {
  id: string;
  title: string;
  more?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <section className="home-section" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {more !== undefined ? <Link to={more.to}>{more.label}</Link> : null}
      </div>
      {children}
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation('catalog');
  usePageTitle(t('home.title'));
  const { state: me } = useMe();
  const { country } = useCountry();
  const { state, retry } = useLoad(`home ${country}`, (signal) => catalogApi.getHome(country, signal));

  return (
    <>
      <h1>{t('home.welcome')}</h1>
      <p className="lead">{t('home.lead')}</p>
      {me.status === 'signed-out' ? (
        <p>
          <Link to="/sign-up" className="button">
            {t('home.createAccount')}
          </Link>
        </p>
      ) : null}

      {state.status === 'loading' ? <Loading>{t('home.loading')}</Loading> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what={t('home.loadWhat')} onRetry={retry} /> : null}
      {state.status === 'loaded' ? (
        <>
          <Section
            id="home-categories"
            title={t('home.categories')}
            more={{ to: '/search', label: t('home.allProducts') }}
          >
            {state.data.categories.length > 0 ? (
              <CategoryLinks categories={state.data.categories} />
            ) : (
              <p>{t('home.noCategories')}</p>
            )}
          </Section>
          <Section
            id="home-offers"
            title={t('home.offers')}
            more={{ to: '/search?onOffer=true', label: t('home.allOffers') }}
          >
            {state.data.offers.length > 0 ? (
              <ProductGrid products={byEndingSoon(state.data.offers)} headingLevel={3} />
            ) : (
              <p>{t('home.noOffers')}</p>
            )}
          </Section>
          <Section
            id="home-newest"
            title={t('home.newest')}
            more={{ to: '/search?sort=newest', label: t('home.allNewest') }}
          >
            {state.data.newest.length > 0 ? (
              <ProductGrid products={state.data.newest} headingLevel={3} />
            ) : (
              <p>{t('home.noProducts')}</p>
            )}
          </Section>
        </>
      ) : null}
      <RecentlyViewedRow />
    </>
  );
}
