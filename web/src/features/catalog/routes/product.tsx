import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('catalog');
  return (
    <nav aria-label={t('product.breadcrumb')} className="breadcrumbs">
      <ol>
        <li>
          <Link to="/">{t('home.title')}</Link>
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
  const { t } = useTranslation('catalog');
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (paragraphs.length === 0) return <p className="muted">{t('product.noDescription')}</p>;
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
  const { t } = useTranslation('catalog');
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
              ? t('product.combinationUnavailable')
              : stock > 0
                ? t('product.inStock', { count: stock })
                : t('product.outOfStock')}
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
              <Trans
                t={t}
                i18nKey="product.soldBy"
                values={{ store: product.store.name }}
                components={{
                  strong: <strong />,
                  anchor: <Link to={`/s/${encodeURIComponent(product.store.slug)}`} />,
                }}
              />
            </p>
            <p className="muted">{t('product.basedIn', { country: countryName(product.store.country) })}</p>
            <p className="store-rating">
              {t('product.sellerRating')} <RatingSummary rating={product.store.rating} size="small" />
            </p>
            <p>
              <Link to={`/account/messages/new?productId=${encodeURIComponent(product.id)}`}>
                {t('product.messageSeller')}
              </Link>
            </p>
          </div>
          <ProductShipping product={product} />
        </div>
      </div>
      <section className="product-section" aria-labelledby="product-description">
        <h2 id="product-description">{t('product.description')}</h2>
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
  const { t } = useTranslation('catalog');
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
  usePageTitle(notFound ? t('common:notFound.title') : (product?.title ?? t('product.title')));
  // The view is recorded in a request of its own once the product is shown (decision 046).
  useRecordView(state.status === 'loaded' ? state.data.id : undefined);

  if (notFound) return <NotFoundPage />;
  if (product !== undefined)
    return <ProductDetails product={product} updating={state.status === 'loading'} reload={retry} />;
  if (state.status === 'failed') {
    return (
      <>
        <h1>{t('product.unavailable')}</h1>
        <LoadError error={state.error} what={t('product.loadWhat')} onRetry={retry} />
      </>
    );
  }
  return <Loading>{t('product.loading')}</Loading>;
}
