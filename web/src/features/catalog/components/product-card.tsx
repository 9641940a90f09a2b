import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProductCard as ProductCardData } from '../api.ts';
import { PriceBlock } from './price.tsx';
import { RatingSummary } from '../../../components/stars.tsx';
import { SaveButton } from '../../saved/components/save-button.tsx';

type HeadingLevel = 2 | 3;

/** One product in a grid; the whole card is clickable through its title link. */
export function ProductCard({ product, headingLevel }: { product: ProductCardData; headingLevel: HeadingLevel }) {
  const { t } = useTranslation('catalog');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="product-card">
      <img
        className="product-card-image"
        src={product.imageUrl}
        alt={product.title}
        width={320}
        height={320}
        loading="lazy"
      />
      <div className="product-card-body">
        <Heading className="product-card-title">
          <Link to={`/p/${encodeURIComponent(product.id)}`}>{product.title}</Link>
        </Heading>
        <PriceBlock item={product} size="compact" />
        {product.rating.count > 0 ? <RatingSummary rating={product.rating} size="small" /> : null}
        <p className="product-card-store">
          <Link to={`/s/${encodeURIComponent(product.store.slug)}`}>{product.store.name}</Link>
        </p>
        {product.stock <= 0 ? <p className="product-card-stock">{t('product.outOfStock')}</p> : null}
        <SaveButton productId={product.id} productTitle={product.title} />
      </div>
    </article>
  );
}

/** Products in a grid: two columns on phones, three or four where there is room. */
export function ProductGrid({ products, headingLevel }: { products: ProductCardData[]; headingLevel: HeadingLevel }) {
  return (
    <ul className="product-grid">
      {products.map((product) => (
        <li key={product.id}>
          <ProductCard product={product} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
