import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { checkoutApi } from '../api.ts';
import { CheckoutOrders } from '../components/checkout-orders.tsx';
import '../styles.css';

export function CheckoutDonePage() {
  const { t } = useTranslation('checkout');
  usePageTitle(t('done.title'));
  const { id = '' } = useParams();
  const { state, retry } = useLoad(id, (signal) => checkoutApi.getCheckout(id, signal));
  if (state.status === 'failed') return <LoadError error={state.error} what={t('loadOrder')} onRetry={retry} />;
  if (state.status !== 'loaded') return <Loading>{t('loadingOrder')}</Loading>;
  const answer = state.data;
  if (answer.checkout.status !== 'paid') return <Navigate to={`/checkout/pay/${id}`} replace />;
  return (
    <>
      <h1>{t('done.heading')}</h1>
      <div role="status" className="notice notice-success">
        <p>{t('done.received', { total: formatMoney(answer.checkout.total) })}</p>
      </div>
      <CheckoutOrders answer={answer} />
      <p>
        <Link to="/account/orders">{t('done.allOrders')}</Link>
      </p>
    </>
  );
}
