// The checkout: where to ship, the orders it makes (priced by the server for that address), and how to pay.
import { Money } from '../../../components/money.tsx';
import { addressLines } from '../../../lib/address-format.ts';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { countryName } from '../../../lib/countries.ts';
import { useCountry } from '../../../lib/country-context.tsx';
import { useCurrency } from '../../../lib/currency-context.tsx';
import { useMe } from '../../../lib/me-context.tsx';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { useCart } from '../../cart/cart-context.tsx';
import { TestPaymentsNotice } from '../../wallet/components/card-form.tsx';
import { checkoutApi } from '../api.ts';
import { checkoutErrorFields, type Wallet } from '../wallet.ts';
import { AddressFields, readAddress } from './checkout-fields.tsx';
import { PaymentChoiceFields, paymentFrom } from './payment-choice.tsx';
import { QuoteReview } from './quote-review.tsx';

export function CheckoutForm({ addresses, cards, provider }: Wallet) {
  const { t } = useTranslation('checkout');
  const navigate = useNavigate();
  const { country: shopperCountry } = useCountry();
  const { state: meState } = useMe();
  const me = meState.status === 'signed-in' ? meState.me : null;
  const { reload: reloadCart } = useCart();
  const { convert, setId: rateSetId } = useCurrency();
  const preferred = addresses.find((a) => a.isDefault) ?? addresses[0];
  const [addressChoice, setAddressChoice] = useState<string>(preferred?.id ?? 'new');
  const [newCountry, setNewCountry] = useState(me?.country ?? shopperCountry);
  const [cardChoice, setCardChoice] = useState<string>(cards[0]?.id ?? 'new');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { pending, error, run } = useRequest(checkoutErrorFields());
  const where = addressChoice === 'new' ? { country: newCountry } : { addressId: addressChoice };
  const { state, retry } = useLoad(JSON.stringify(where), (signal) => checkoutApi.quote(where, signal));
  const quote = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!quote?.total || !quote.canPlace) return;
    const data = new FormData(event.currentTarget);
    // The order records the conversion shown here, made again on the server with the same rates.
    const converted = convert(quote.total);
    const outcome = await run(() =>
      checkoutApi.place({
        idempotencyKey,
        address:
          addressChoice === 'new'
            ? { address: { ...readAddress(data), save: data.get('saveAddress') === 'on' } }
            : { addressId: addressChoice },
        payment: paymentFrom(data, cardChoice),
        expectedTotal: quote.total!,
        ...(converted && rateSetId ? { display: { currency: converted.currency, rateSetId } } : {}),
      }),
    );
    if (!outcome.ok) {
      retry();
      return;
    }
    void reloadCart();
    const answer = outcome.value;
    navigate(
      answer.checkout.status === 'paid'
        ? `/checkout/done/${answer.checkout.id}`
        : `/checkout/pay/${answer.checkout.id}`,
      {
        state: answer.payment?.error ? { paymentError: answer.payment.error.message } : null,
      },
    );
  }

  return (
    <form className="checkout" onSubmit={onSubmit} noValidate={false}>
      <ErrorAlert
        error={error}
        formFields={[
          'fullName',
          'line1',
          'line2',
          'city',
          'region',
          'postalCode',
          'country',
          'phone',
          'number',
          'expMonth',
          'expYear',
          'cvc',
        ]}
      />
      <section className="section" aria-labelledby="checkout-address">
        <h2 id="checkout-address">{t('form.addressStep')}</h2>
        <fieldset className="choice-list">
          <legend className="visually-hidden">{t('form.shipTo')}</legend>
          {addresses.map((a) => (
            <label key={a.id} className="choice">
              <input
                type="radio"
                name="addressChoice"
                value={a.id}
                checked={addressChoice === a.id}
                onChange={() => setAddressChoice(a.id)}
              />
              <span>
                <strong>{a.fullName}</strong>, {addressLines(a, countryName(a.country)).slice(1).join(', ')}
              </span>
            </label>
          ))}
          <label className="choice">
            <input
              type="radio"
              name="addressChoice"
              value="new"
              checked={addressChoice === 'new'}
              onChange={() => setAddressChoice('new')}
            />
            {t('form.newAddress')}
          </label>
        </fieldset>
        {addressChoice === 'new' ? (
          <AddressFields error={error} country={newCountry} onCountryChange={setNewCountry} />
        ) : null}
      </section>

      <section className="section" aria-labelledby="checkout-review" aria-busy={state.status === 'loading'}>
        <h2 id="checkout-review">{t('form.reviewStep')}</h2>
        <p className="muted">{t('form.perSeller')}</p>
        {quote !== undefined ? (
          <QuoteReview quote={quote} />
        ) : state.status === 'failed' ? (
          <LoadError error={state.error} what={t('form.loadPrices')} onRetry={retry} />
        ) : (
          <Loading>{t('form.workingOut')}</Loading>
        )}
      </section>

      <section className="section" aria-labelledby="checkout-payment">
        <h2 id="checkout-payment">{t('form.paymentStep')}</h2>
        <TestPaymentsNotice provider={provider} />
        <PaymentChoiceFields cards={cards} choice={cardChoice} onChoice={setCardChoice} error={error} />
      </section>

      <div className="checkout-submit card">
        <p className="cart-summary-line">
          <span>{t('form.totalToPay')}</span>
          <strong>{quote?.total ? <Money money={quote.total} charged /> : '—'}</strong>
        </p>
        <button
          type="submit"
          className="button button-wide"
          disabled={pending || !quote?.canPlace || state.status !== 'loaded'}
        >
          {t('form.placeOrder')}
        </button>
      </div>
    </form>
  );
}
