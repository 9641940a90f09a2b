import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useCart } from '../../cart/cart-context.tsx';
import { CheckoutForm } from '../components/checkout-form.tsx';
import { loadWallet } from '../wallet.ts';
import '../styles.css';

export function CheckoutPage() {
  const { t } = useTranslation('checkout');
  usePageTitle(t('page.title'));
  const { state: meState } = useMe();
  const status = meState.status;
  const { cart } = useCart();
  const { state, retry } = useLoad(status, (signal) =>
    status === 'signed-in' ? loadWallet(signal) : Promise.resolve(null),
  );

  if (status === 'signed-out') return <Navigate to="/sign-in?next=%2Fcheckout" replace />;
  if (status === 'loading' || cart === null) return <Loading>{t('page.loading')}</Loading>;
  if (cart.lines.length === 0) {
    return (
      <>
        <h1>{t('page.heading')}</h1>
        <p>{t('cart:page.empty')}</p>
        <p>
          <Link to="/">{t('cart:page.browse')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('page.heading')}</h1>
      {state.status === 'loaded' && state.data !== null ? (
        <CheckoutForm {...state.data} />
      ) : state.status === 'failed' ? (
        <LoadError error={state.error} what={t('page.loadWhat')} onRetry={retry} />
      ) : (
        <Loading>{t('page.loading')}</Loading>
      )}
    </>
  );
}
