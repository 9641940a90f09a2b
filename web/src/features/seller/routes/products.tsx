import { Link } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatCount, formatMoney, pluralize } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { sellerApi, type SellerProductSummary } from '../api.ts';
import '../styles.css';

function ProductRow({ product }: { product: SellerProductSummary }) {
  const onOffer = product.currentPrice.amount < product.price.amount;
  return (
    <li className="card seller-product">
      <img src={product.imageUrl} alt="" width={64} height={64} loading="lazy" />
      <div>
        <h2 className="card-title">
          <Link to={`/seller/products/${product.id}`}>{product.title}</Link>
        </h2>
        <p>
          {product.currentPriceMax !== null ? (
            <>
              <span className="visually-hidden">From </span>
              {formatMoney(product.currentPrice)}
              <span aria-hidden="true"> – </span>
              <span className="visually-hidden"> to </span>
              {formatMoney(product.currentPriceMax)}
            </>
          ) : (
            formatMoney(product.currentPrice)
          )}
          {onOffer ? (
            <>
              {' '}
              <del>
                <span className="visually-hidden">List price </span>
                {formatMoney(product.price)}
                {product.priceMax !== null ? (
                  <>
                    <span aria-hidden="true"> – </span>
                    <span className="visually-hidden"> to </span>
                    {formatMoney(product.priceMax)}
                  </>
                ) : null}
              </del>{' '}
              <span className="badge badge-success">On offer</span>
            </>
          ) : null}
        </p>
        <p className="muted">
          {product.stock > 0 ? `Stock: ${formatCount(product.stock)}` : 'Out of stock'}
          {product.variantCount > 0 ? ` · ${pluralize(product.variantCount, 'variant', 'variants')}` : ''} ·{' '}
          {product.category.name}{' '}
          {product.status === 'active' ? (
            <span className="badge badge-success">Listed</span>
          ) : (
            <span className="badge badge-warning">Delisted</span>
          )}
        </p>
      </div>
    </li>
  );
}

export function SellerProductsPage() {
  usePageTitle('Products');
  const { state, retry } = useLoad('seller-products', (signal) => sellerApi.listProducts(signal));
  return (
    <>
      <div className="seller-heading">
        <h1>Products</h1>
        <Link to="/seller/products/new" className="button">
          Add product
        </Link>
      </div>
      {state.status === 'failed' ? <LoadError error={state.error} what="your products" onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>Loading products…</Loading> : null}
      {state.status === 'loaded' ? (
        state.data.items.length === 0 ? (
          <p>You have no products yet. Add your first one.</p>
        ) : (
          <>
            <p className="muted">
              {state.data.total === 1 ? '1 product' : `${formatCount(state.data.total)} products`}
            </p>
            <ul className="card-list seller-list" aria-label="Your products">
              {state.data.items.map((product) => (
                <ProductRow key={product.id} product={product} />
              ))}
            </ul>
          </>
        )
      ) : null}
    </>
  );
}
