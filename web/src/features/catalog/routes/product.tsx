import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { catalogApi, type Product } from '../api.ts';
import { useCountry } from '../../../lib/country-context.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { PriceBlock } from '../components/price.tsx';
import { AddToCart } from '../../cart/components/add-to-cart.tsx';
import { ProductGallery } from '../components/product-gallery.tsx';
import { ProductShipping } from '../components/product-shipping.tsx';
import { initialChoice, stillToChoose, VariantPicker, variantOf } from '../components/variant-picker.tsx';
import { countryName } from '../../../lib/countries.ts';
import { formatCount } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { NotFoundPage } from '../../../components/not-found.tsx';
import { ProductQuestions } from '../../posts/components/product-questions.tsx';
import { ProductReviews } from '../../posts/components/product-reviews.tsx';
import { RatingSummary } from '../../../components/stars.tsx';
import { SaveButton } from '../../saved/components/save-button.tsx';
import { RecentlyViewedRow, useRecordView } from '../../saved/components/recently-viewed.tsx';
import '../styles.css';

function Breadcrumbs({ product }: { product: Product }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        <li>
          <Link to="/">Home</Link>
          <span aria-hidden="true" className="breadcrumb-separator">
            ›
          </span>
        </li>
        <li>
          <Link to={`/c/${encodeURIComponent(product.category.slug)}`}>{product.category.name}</Link>
          <span aria-hidden="true" className="breadcrumb-separator">
            ›
          </span>
        </li>
        <li>
          <span aria-current="page">{product.title}</span>
        </li>
      </ol>
    </nav>
  );
}

/** Plain text with its paragraphs and line breaks kept; never parsed as HTML. */
function Description({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (paragraphs.length === 0) return <p className="muted">The seller has not described this product.</p>;
  return (
    <div className="description">
      {paragraphs.map((paragraph, n) => (
        <p key={n}>{paragraph}</p>
      ))}
    </div>
  );
}

function ProductDetails({
  product,
  updating,
  reload,
}: {
  product: Product;
  updating: boolean;
  /** Reads the product again (its rating and its store's, after the visitor's review). */
  reload: () => void;
}) {
  const [choice, setChoice] = useState(() => initialChoice(product));
  const hasOptions = product.options.length > 0;
  const variant = hasOptions ? variantOf(product, choice) : undefined;
  const choose = hasOptions ? stillToChoose(product, choice) : null;
  const stock = hasOptions ? (variant?.stock ?? (choose === null ? 0 : product.stock)) : product.stock;
  const imageIndex = variant ? Math.max(0, product.images.indexOf(variant.imageUrl)) : 0;
  const priced = variant
    ? { ...product, price: variant.price, originalPrice: variant.originalPrice, priceMax: null }
    : product;
  return (
    <>
      <Breadcrumbs product={product} />
      <div className="product">
        <h1 tabIndex={-1} className="product-title">
          {product.title}
        </h1>
        <ProductGallery
          key={`${product.id}:${imageIndex}`}
          title={product.title}
          images={product.images}
          initial={imageIndex}
        />
        <div className="product-summary" aria-busy={updating}>
          <p className="product-rating">
            <a href="#reviews">
              <RatingSummary rating={product.rating} />
            </a>
          </p>
          <div aria-live="polite" aria-atomic="true">
            <PriceBlock item={priced} size="large" />
          </div>
          {hasOptions ? <VariantPicker product={product} choice={choice} onChange={setChoice} /> : null}
          <p className={stock > 0 ? 'stock' : 'stock stock-out'} aria-live="polite">
            {hasOptions && choose === null && variant === undefined
              ? 'This combination is not available'
              : stock > 0
                ? `In stock: ${formatCount(stock)}`
                : 'Out of stock'}
          </p>
          <AddToCart
            key={variant?.id ?? 'product'}
            productId={product.id}
            variantId={variant?.id ?? null}
            choose={choose}
            stock={choose !== null ? 1 : stock}
            notShippedTo={product.shipping.available ? null : countryName(product.shipping.country)}
          />
          <SaveButton productId={product.id} productTitle={product.title} />
          <div className="seller">
            <p>
              Sold by{' '}
              <strong>
                <Link to={`/s/${encodeURIComponent(product.store.slug)}`}>{product.store.name}</Link>
              </strong>
            </p>
            <p className="muted">Based in {countryName(product.store.country)}</p>
            <p className="store-rating">
              Seller rating: <RatingSummary rating={product.store.rating} size="small" />
            </p>
            <p>
              <Link to={`/account/messages/new?productId=${encodeURIComponent(product.id)}`}>Message the seller</Link>
            </p>
          </div>
          <ProductShipping product={product} />
        </div>
      </div>
      <section className="product-section" aria-labelledby="product-description">
        <h2 id="product-description">Description</h2>
        <Description text={product.description} />
      </section>
      <ProductReviews
        key={`reviews-${product.id}`}
        productId={product.id}
        productTitle={product.title}
        rating={product.rating}
        onReviewChanged={reload}
      />
      <ProductQuestions key={`questions-${product.id}`} productId={product.id} />
      <RecentlyViewedRow exclude={product.id} />
    </>
  );
}

export function ProductPage() {
  const { id = '' } = useParams();
  const { country } = useCountry();
  const { state, retry } = useLoad(`${id}|${country}`, (signal) => catalogApi.getProduct(id, country, signal));

  // While another country's shipping loads, keep this product on screen; never show another product.
  const product =
    state.status === 'loaded'
      ? state.data
      : state.status === 'loading' && state.stale?.id === id
        ? state.stale
        : undefined;
  // Only the id can be invalid here (the country comes from a list), and an id the server
  // rejects as malformed names no product either.
  const notFound =
    state.status === 'failed' && (state.error.status === 404 || state.error.code === 'VALIDATION_FAILED');
  usePageTitle(notFound ? 'Page not found' : (product?.title ?? 'Product'));
  // The view is recorded in a request of its own once the product is shown (decision 046).
  useRecordView(state.status === 'loaded' ? state.data.id : undefined);

  if (notFound) return <NotFoundPage />;
  if (product !== undefined)
    return <ProductDetails product={product} updating={state.status === 'loading'} reload={retry} />;
  if (state.status === 'failed') {
    return (
      <>
        <h1>Product unavailable</h1>
        <LoadError error={state.error} what="this product" onRetry={retry} />
      </>
    );
  }
  return <Loading>Loading product…</Loading>;
}
