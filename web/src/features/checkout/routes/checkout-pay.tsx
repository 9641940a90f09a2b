import { Money } from '../../../components/money.tsx';
import { useState, type SubmitEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
import { checkoutErrorFields, loadWallet } from '../wallet.ts';
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
  const { t } = useTranslation('checkout');
  usePageTitle(t('pay.title'));
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const paymentError = paymentErrorOf(location.state);
  const { state, retry } = useLoad(id, async (signal) => {
    const [answer, wallet] = await Promise.all([checkoutApi.getCheckout(id, signal), loadWallet(signal)]);
    return { answer, cards: wallet.cards, provider: wallet.provider };
  });
  const [cardChoice, setCardChoice] = useState<string | null>(null);
  const { pending, error, run } = useRequest(checkoutErrorFields());

  if (state.status === 'failed') {
    if (state.error instanceof ApiError && (state.error.status === 404 || state.error.code === 'VALIDATION_FAILED')) {
      return (
        <>
          <h1>{t('pay.title')}</h1>
          <p>{t('pay.noSuchOrder')}</p>
        </>
      );
    }
    return <LoadError error={state.error} what={t('loadOrder')} onRetry={retry} />;
  }
  if (state.status !== 'loaded') return <Loading>{t('loadingOrder')}</Loading>;
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
        <h1>{t('pay.title')}</h1>
        <p>{t('pay.cancelled')}</p>
        <p>
          <Link to="/cart">{t('backToCart')}</Link>
        </p>
      </>
    );
  }
  if (answer.checkout.paymentPending) {
    // The provider's answer to a payment was lost: it is confirmed with the provider within minutes.
    // Paying again meanwhile would be refused, so no card form is offered.
    return (
      <>
        <h1>{t('pay.title')}</h1>
        <div role="status" className="notice">
          <p>
            <Trans
              t={t}
              i18nKey="pay.pending"
              components={{ money: <Money money={answer.checkout.total} charged /> }}
            />
          </p>
        </div>
        <CheckoutOrders answer={answer} />
        <button type="button" className="button" onClick={retry}>
          {t('pay.checkAgain')}
        </button>
      </>
    );
  }
  return (
    <>
      <h1>{t('pay.title')}</h1>
      {paymentError !== null && error === null ? (
        <div role="alert" className="notice notice-error">
          <p>{paymentError}</p>
        </div>
      ) : null}
      <p>
        <Trans
          t={t}
          i18nKey={payBefore !== null ? 'pay.setAsideUntil' : 'pay.setAside'}
          values={{ until: payBefore !== null ? formatDateTime(payBefore) : '' }}
          components={{
            time: <time dateTime={payBefore?.toISOString()} />,
            strong: <strong />,
            money: <Money money={answer.checkout.total} charged />,
          }}
        />
      </p>
      <CheckoutOrders answer={answer} />
      <form className="checkout" onSubmit={onSubmit}>
        <ErrorAlert error={error} formFields={['number', 'expMonth', 'expYear', 'cvc']} />
        <TestPaymentsNotice provider={provider} />
        <PaymentChoiceFields cards={cards} choice={choice} onChoice={setCardChoice} error={error} />
        <button type="submit" className="button button-wide" disabled={pending}>
          {t('pay.pay')} <Money money={answer.checkout.total} charged />
        </button>
      </form>
    </>
  );
}
