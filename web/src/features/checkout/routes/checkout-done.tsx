import { Link, Navigate, useParams } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { checkoutApi } from '../api.ts';
import { CheckoutOrders } from '../components/checkout-orders.tsx';
import '../styles.css';

export function CheckoutDonePage() {
  usePageTitle('Order placed');
  const { id = '' } = useParams();
  const { state, retry } = useLoad(id, (signal) => checkoutApi.getCheckout(id, signal));
  if (state.status === 'failed') return <LoadError error={state.error} what="your order" onRetry={retry} />;
  if (state.status !== 'loaded') return <Loading>Loading your order…</Loading>;
  const answer = state.data;
  if (answer.checkout.status !== 'paid') return <Navigate to={`/checkout/pay/${id}`} replace />;
  return (
    <>
      <h1>Thank you! Your order is placed</h1>
      <div role="status" className="notice notice-success">
        <p>
          We received your payment of {formatMoney(answer.checkout.total)}. A confirmation is on its way to your email.
          Each seller ships their part separately; you will get the tracking number by email.
        </p>
      </div>
      <CheckoutOrders answer={answer} />
      <p>
        <Link to="/account/orders">See all your orders</Link>
      </p>
    </>
  );
}
