import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatCount, formatMoney } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { sellerApi, type SellerProductSummary } from '../api.ts';
import '../styles.css';

function ProductRow({ product }: { product: SellerProductSummary }) {
  const { t } = useTranslation('seller');
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
              <span className="visually-hidden">{t('products.from')}</span>
              {formatMoney(product.currentPrice)}
              <span aria-hidden="true"> – </span>
              <span className="visually-hidden">{t('products.to')}</span>
              {formatMoney(product.currentPriceMax)}
            </>
          ) : (
            formatMoney(product.currentPrice)
          )}
          {onOffer ? (
            <>
              {' '}
              <del>
                <span className="visually-hidden">{t('products.listPrice')}</span>
                {formatMoney(product.price)}
                {product.priceMax !== null ? (
                  <>
                    <span aria-hidden="true"> – </span>
                    <span className="visually-hidden">{t('products.to')}</span>
                    {formatMoney(product.priceMax)}
                  </>
                ) : null}
              </del>{' '}
              <span className="badge badge-success">{t('products.onOffer')}</span>
            </>
          ) : null}
        </p>
        <p className="muted">
          {product.stock > 0 ? t('products.stock', { stock: formatCount(product.stock) }) : t('products.outOfStock')}
          {product.variantCount > 0 ? ` · ${t('products.variants', { count: product.variantCount })}` : ''} ·{' '}
          {product.category.name}{' '}
          {product.status === 'active' ? (
            <span className="badge badge-success">{t('products.listed')}</span>
          ) : (
            <span className="badge badge-warning">{t('products.delisted')}</span>
          )}
        </p>
      </div>
    </li>
  );
}

export function SellerProductsPage() {
  const { t } = useTranslation('seller');
  usePageTitle(t('products.title'));
  const { state, retry } = useLoad('seller-products', (signal) => sellerApi.listProducts(signal));
  return (
    <>
      <div className="seller-heading">
        <h1>{t('products.title')}</h1>
        <Link to="/seller/products/new" className="button">
          {t('products.add')}
        </Link>
      </div>
      {state.status === 'failed' ? <LoadError error={state.error} what={t('products.what')} onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading>{t('products.loading')}</Loading> : null}
      {state.status === 'loaded' ? (
        state.data.items.length === 0 ? (
          <p>{t('products.empty')}</p>
        ) : (
          <>
            <p className="muted">{t('products.count', { count: state.data.total })}</p>
            <ul className="card-list seller-list" aria-label={t('products.listLabel')}>
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
