import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { catalogApi } from '../../catalog/api.ts';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { sellerApi, type SellerProduct } from '../api.ts';
import { NotFoundPage } from '../../../components/not-found.tsx';
import { ProductForm } from '../components/product-form.tsx';
import { ProductImages, ProductOffers } from '../components/product-media.tsx';
import { ProductVariants } from '../components/product-variants.tsx';
import '../styles.css';

const loadChoices = (signal: AbortSignal) =>
  Promise.all([catalogApi.listCategories(signal), sellerApi.listProfiles(signal)]);

export function SellerNewProductPage() {
  const { t } = useTranslation('seller');
  usePageTitle(t('product.addTitle'));
  const navigate = useNavigate();
  const { state, retry } = useLoad('seller-product-choices', loadChoices);
  return (
    <>
      <p>
        <Link to="/seller/products">{t('product.back')}</Link>
      </p>
      <h1>{t('product.addTitle')}</h1>
      {state.status === 'failed' ? (
        <LoadError error={state.error} what={t('product.choicesWhat')} onRetry={retry} />
      ) : null}
      {state.status === 'loading' ? <Loading>{t('product.loadingChoices')}</Loading> : null}
      {state.status === 'loaded' ? (
        <ProductForm
          product={null}
          categories={state.data[0]}
          profiles={state.data[1]}
          onSave={async (input) => {
            const created = await sellerApi.createProduct(input);
            navigate(`/seller/products/${created.id}`, { state: { created: true } });
          }}
        />
      ) : null}
    </>
  );
}

function ProductEditor({
  initial,
  choices,
}: {
  initial: SellerProduct;
  choices: Awaited<ReturnType<typeof loadChoices>>;
}) {
  const { t } = useTranslation('seller');
  const navigate = useNavigate();
  const location = useLocation();
  const [product, setProduct] = useState(initial);
  const [saved, setSaved] = useState<'created' | 'saved' | null>(
    (location.state as { created?: boolean } | null)?.created ? 'created' : null,
  );
  const [formKey, setFormKey] = useState(0);
  const remover = useRequest();
  usePageTitle(t('product.editTitle', { title: product.title }));

  const reload = async () => setProduct(await sellerApi.getProduct(product.id));

  async function remove() {
    if (!window.confirm(t('product.confirmDelete', { title: product.title }))) return;
    const outcome = await remover.run(() => sellerApi.deleteProduct(product.id));
    if (outcome.ok) navigate('/seller/products');
  }

  return (
    <>
      <p>
        <Link to="/seller/products">{t('product.back')}</Link>
      </p>
      <h1>{product.title}</h1>
      <p>
        {product.status === 'active' ? (
          <Link to={`/p/${product.id}`}>{t('product.viewOnSouk')}</Link>
        ) : (
          <span className="badge badge-warning">{t('product.delistedBadge')}</span>
        )}
      </p>
      {saved !== null ? (
        <StatusMessage>
          <p>{saved === 'created' ? t('product.created') : t('product.saved')}</p>
        </StatusMessage>
      ) : null}
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('product.details')}</h2>
        <ProductForm
          key={formKey}
          product={product}
          categories={choices[0]}
          profiles={choices[1]}
          onSave={async (input) => {
            setSaved(null);
            setProduct(await sellerApi.updateProduct(product.id, input));
            // Show what the server stored (trimmed).
            setFormKey((n) => n + 1);
            setSaved('saved');
          }}
        />
      </section>
      <ProductImages product={product} onChanged={reload} />
      <ProductVariants product={product} onChanged={reload} />
      <ProductOffers product={product} onChanged={reload} />
      <section className="section" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('product.deleteHeading')}</h2>
        <p>{t('product.deleteText')}</p>
        <ErrorAlert error={remover.error} />
        <button
          type="button"
          className="button button-secondary"
          disabled={remover.pending}
          onClick={() => void remove()}
        >
          {t('product.deleteButton')}
        </button>
      </section>
    </>
  );
}

export function SellerProductPage() {
  const { t } = useTranslation('seller');
  const { id = '' } = useParams();
  const { state, retry } = useLoad(`seller-product:${id}`, (signal) =>
    Promise.all([sellerApi.getProduct(id, signal), loadChoices(signal)]),
  );
  if (state.status === 'failed' && (state.error.status === 404 || state.error.status === 400)) return <NotFoundPage />;
  if (state.status === 'failed') return <LoadError error={state.error} what={t('product.what')} onRetry={retry} />;
  if (state.status === 'loading') return <Loading>{t('product.loading')}</Loading>;
  return <ProductEditor key={id} initial={state.data[0]} choices={state.data[1]} />;
}
