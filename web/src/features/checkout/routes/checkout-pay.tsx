import { Money } from '../../../components/money.tsx';
import { useState, type SubmitEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { formatDateTime, parseDate } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { TestPaymentsNotice } from '../../wallet/components/card-form.tsx';
import { checkoutApi } from '../api.ts';
import { CheckoutOrders } from '../components/checkout-orders.tsx';
import { PaymentChoiceFields, paymentFrom } from '../components/payment-choice.tsx';
import { CHECKOUT_ERROR_FIELDS, loadWallet } from '../wallet.ts';
import '../styles.css';

/** The declined payment's message the checkout passes on when it sends the buyer here. */
function paymentErrorOf(state: unknown): string | null {
  return typeof state === 'object' &&
    state !== null &&
    'paymentError' in state &&
    typeof state.paymentError === 'string'
    ? state.paymentError
    : null;
}

export function CheckoutPayPage() {
  usePageTitle('Pay for your order');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const paymentError = paymentErrorOf(location.state);
  const { state, retry } = useLoad(id, async (signal) => {
    const [answer, wallet] = await Promise.all([checkoutApi.getCheckout(id, signal), loadWallet(signal)]);
    return { answer, cards: wallet.cards, provider: wallet.provider };
  });
  const [cardChoice, setCardChoice] = useState<string | null>(null);
  const { pending, error, run } = useRequest(CHECKOUT_ERROR_FIELDS);

  if (state.status === 'failed') {
    if (state.error instanceof ApiError && (state.error.status === 404 || state.error.code === 'VALIDATION_FAILED')) {
      return (
        <>
          <h1>Pay for your order</h1>
          <p>We found no such order in your account.</p>
        </>
      );
    }
    return <LoadError error={state.error} what="your order" onRetry={retry} />;
  }
  if (state.status !== 'loaded') return <Loading>Loading your order…</Loading>;
  const { answer, cards, provider } = state.data;
  if (answer.checkout.status === 'paid') return <Navigate to={`/checkout/done/${id}`} replace />;
  const choice = cardChoice ?? cards[0]?.id ?? 'new';
  const payBefore = parseDate(answer.checkout.payBefore);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const outcome = await run(() => checkoutApi.pay(id, paymentFrom(data, choice)));
    if (outcome.ok) navigate(`/checkout/done/${id}`);
  }

  if (answer.checkout.status === 'cancelled') {
    return (
      <>
        <h1>Pay for your order</h1>
        <p>This order was cancelled because it was not paid within 30 minutes. Nothing was charged.</p>
        <p>
          <Link to="/cart">Back to your cart</Link>
        </p>
      </>
    );
  }
  if (answer.checkout.paymentPending) {
    // The provider's answer to a payment was lost: it is confirmed with the provider within minutes.
    // Paying again meanwhile would be refused, so no card form is offered.
    return (
      <>
        <h1>Pay for your order</h1>
        <div role="status" className="notice">
          <p>
            Your payment of <Money money={answer.checkout.total} charged /> is being confirmed with the card issuer. Do
            not pay again: if it went through, your order is paid and you get a confirmation by email; if not, you can
            pay here in a few minutes.
          </p>
        </div>
        <CheckoutOrders answer={answer} />
        <button type="button" className="button" onClick={retry}>
          Check again
        </button>
      </>
    );
  }
  return (
    <>
      <h1>Pay for your order</h1>
      {paymentError !== null && error === null ? (
        <div role="alert" className="notice notice-error">
          <p>{paymentError}</p>
        </div>
      ) : null}
      <p>
        Your order is placed and its items are set aside for you
        {payBefore !== null ? (
          <>
            {' '}
            until <time dateTime={payBefore.toISOString()}>{formatDateTime(payBefore)}</time>
          </>
        ) : null}
        . Total to pay:{' '}
        <strong>
          <Money money={answer.checkout.total} charged />
        </strong>
        .
      </p>
      <CheckoutOrders answer={answer} />
      <form className="checkout" onSubmit={onSubmit}>
        <ErrorAlert error={error} formFields={['number', 'expMonth', 'expYear', 'cvc']} />
        <TestPaymentsNotice provider={provider} />
        <PaymentChoiceFields cards={cards} choice={choice} onChoice={setCardChoice} error={error} />
        <button type="submit" className="button button-wide" disabled={pending}>
          Pay <Money money={answer.checkout.total} charged />
        </button>
      </form>
    </>
  );
}
