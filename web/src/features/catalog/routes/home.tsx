import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { catalogApi, type CategorySummary, type ProductCard } from '../api.ts';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ProductGrid } from '../components/product-card.tsx';
import { useCountry } from '../../../lib/country-context.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { pluralize } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { RecentlyViewedRow } from '../../saved/components/recently-viewed.tsx';
import '../styles.css';

function CategoryLinks({ categories }: { categories: CategorySummary[] }) {
  return (
    <ul className="category-links">
      {categories.map((category) => (
        <li key={category.slug}>
          <Link to={`/c/${encodeURIComponent(category.slug)}`}>
            <span className="category-link-name">{category.name}</span>
            <span className="category-link-count">{pluralize(category.productCount, 'product', 'products')}</span>
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
  usePageTitle('Home');
  const { state: me } = useMe();
  const { country } = useCountry();
  const { state, retry } = useLoad(`home ${country}`, (signal) => catalogApi.getHome(country, signal));

  return (
    <>
      <h1>Welcome to Souk</h1>
      <p className="lead">A marketplace you can run yourself: buy from and sell to people near you.</p>
      {me.status === 'signed-out' ? (
        <p>
          <Link to="/sign-up" className="button">
            Create your account
          </Link>
        </p>
      ) : null}

      {state.status === 'loading' ? <Loading>Loading the catalogue…</Loading> : null}
      {state.status === 'failed' ? <LoadError error={state.error} what="the catalogue" onRetry={retry} /> : null}
      {state.status === 'loaded' ? (
        <>
          <Section id="home-categories" title="Shop by category" more={{ to: '/search', label: 'All products' }}>
            {state.data.categories.length > 0 ? (
              <CategoryLinks categories={state.data.categories} />
            ) : (
              <p>There are no categories yet.</p>
            )}
          </Section>
          <Section
            id="home-offers"
            title="Offers ending soon"
            more={{ to: '/search?onOffer=true', label: 'All offers' }}
          >
            {state.data.offers.length > 0 ? (
              <ProductGrid products={byEndingSoon(state.data.offers)} headingLevel={3} />
            ) : (
              <p>There are no offers right now.</p>
            )}
          </Section>
          <Section
            id="home-newest"
            title="New arrivals"
            more={{ to: '/search?sort=newest', label: 'See all new arrivals' }}
          >
            {state.data.newest.length > 0 ? (
              <ProductGrid products={state.data.newest} headingLevel={3} />
            ) : (
              <p>No products have been listed yet.</p>
            )}
          </Section>
        </>
      ) : null}
      <RecentlyViewedRow />
    </>
  );
}
