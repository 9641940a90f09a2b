import { useState, type SubmitEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { cartApi, type CheckoutAnswer, type PaymentChoice, type Quote } from '../../cart/api.ts';
import { walletApi, type Address as SavedAddress, type PaymentProviderInfo, type SavedCard } from '../../wallet/api.ts';
import { TestPaymentsNotice } from '../../wallet/components/card-form.tsx';
import { describeCard } from '../../wallet/wallet-format.ts';
import { useCart } from '../../cart/cart-context.tsx';
import { useCountry } from '../../../lib/country-context.tsx';
import { AddressFields, CardFields, readAddress, readCard } from '../components/checkout-fields.tsx';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { ErrorAlert } from '../../../components/alerts.tsx';
import { countryName } from '../../../lib/countries.ts';
import { formatDateTime, formatMoney, parseDate } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { useMe } from '../../../lib/me-context.tsx';
import { ApiError } from '../../../api/client.ts';

const ERROR_FIELDS = {
  codeFields: { CARD_INVALID: 'number', CARD_EXPIRED: 'expMonth' },
  fieldMessages: {
    fullName: 'Enter the name of the person receiving the parcel.',
    line1: 'Enter the street address.',
    city: 'Enter the city.',
    postalCode: 'Use letters, digits, spaces and dashes only.',
    number: 'Enter the card number as printed on the card.',
    expMonth: 'Choose the expiry month.',
    expYear: 'Choose the expiry year.',
    cvc: 'Enter the 3 or 4 digit security code.',
  },
};

type Wallet = { addresses: SavedAddress[]; cards: SavedCard[]; provider: PaymentProviderInfo };

/** Saved addresses and cards, and the payment provider (shown honestly when it is a test one). */
async function loadWallet(signal: AbortSignal): Promise<Wallet> {
  const [addresses, cards, provider] = await Promise.all([walletApi.listAddresses(signal), walletApi.listCards(signal), walletApi.getPaymentProvider(signal)]);
  return { addresses, cards, provider };
}

function deliveryText(delivery: { minDays: number; maxDays: number }): string {
  return delivery.minDays === delivery.maxDays ? `Delivery in ${delivery.maxDays} days` : `Delivery in ${delivery.minDays}–${delivery.maxDays} days`;
}

function QuoteReview({ quote }: { quote: Quote }) {
  return (
    <>
      {quote.groups.map((group, n) => (
        <div key={group.store.id} className="checkout-group card">
          <h3>
            Order {n + 1} of {quote.groups.length}: sold by {group.store.name}
          </h3>
          <ul className="checkout-items">
            {group.lines.map((line) => (
              <li key={line.productId}>
                <span>
                  {line.quantity} × {line.title}
                </span>
                <span>{formatMoney(line.lineTotal)}</span>
              </li>
            ))}
          </ul>
          <dl className="checkout-sums">
            <div>
              <dt>Items</dt>
              <dd>{formatMoney(group.itemsTotal)}</dd>
            </div>
            {group.discount.amount > 0 ? (
              <div>
                <dt>Discount</dt>
                <dd>−{formatMoney(group.discount)}</dd>
              </div>
            ) : null}
            <div>
              <dt>Shipping to {countryName(quote.country)}</dt>
              <dd>{group.shipping === null ? 'Does not ship there' : group.shipping.amount === 0 ? 'Free' : formatMoney(group.shipping)}</dd>
            </div>
            <div className="checkout-sum-total">
              <dt>Order total</dt>
              <dd>{formatMoney(group.total)}</dd>
            </div>
          </dl>
          {group.delivery !== null ? <p className="muted">{deliveryText(group.delivery)} after the seller ships.</p> : null}
        </div>
      ))}
      {quote.problems.length > 0 ? (
        <div role="alert" className="notice notice-error">
          <p>This cart cannot be ordered as it is:</p>
          <ul>
            {quote.problems.map((p, i) => (
              <li key={i}>
                {p.code === 'NOT_SHIPPABLE' && p.storeId !== null
                  ? `${quote.groups.find((g) => g.store.id === p.storeId)?.store.name ?? 'A seller'} does not ship to ${countryName(quote.country)}.`
                  : p.message}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/cart">Back to your cart</Link>
          </p>
        </div>
      ) : null}
    </>
  );
}

function PaymentChoiceFields({ cards, choice, onChoice, error }: { cards: SavedCard[]; choice: string; onChoice: (id: string) => void; error: ReturnType<typeof useRequest>['error'] }) {
  return (
    <fieldset className="choice-list">
      <legend>Pay with</legend>
      {cards.map((card) => (
        <label key={card.id} className="choice">
          <input type="radio" name="cardChoice" value={card.id} checked={choice === card.id} onChange={() => onChoice(card.id)} />
          {describeCard(card)}
        </label>
      ))}
      <label className="choice">
        <input type="radio" name="cardChoice" value="new" checked={choice === 'new'} onChange={() => onChoice('new')} />A new card
      </label>
      {choice === 'new' ? <CardFields error={error} /> : null}
    </fieldset>
  );
}

function paymentFrom(data: FormData, choice: string): PaymentChoice {
  return choice === 'new' ? { card: { ...readCard(data), save: data.get('saveCard') === 'on' } } : { paymentMethodId: choice };
}

function CheckoutForm({ addresses, cards, provider }: Wallet) {
  const navigate = useNavigate();
  const { country: shopperCountry } = useCountry();
  const { me } = useSignedIn();
  const { reload: reloadCart } = useCart();
  const preferred = addresses.find((a) => a.isDefault) ?? addresses[0];
  const [addressChoice, setAddressChoice] = useState<string>(preferred?.id ?? 'new');
  const [newCountry, setNewCountry] = useState(me?.country ?? shopperCountry);
  const [cardChoice, setCardChoice] = useState<string>(cards[0]?.id ?? 'new');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { pending, error, run } = useRequest(ERROR_FIELDS);
  const where = addressChoice === 'new' ? { country: newCountry } : { addressId: addressChoice };
  const { state, retry } = useLoad(JSON.stringify(where), (signal) => cartApi.quote(where, signal));
  const quote = state.status === 'loaded' ? state.data : state.status === 'loading' ? state.stale : undefined;

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!quote?.total || !quote.canPlace) return;
    const data = new FormData(event.currentTarget);
    const outcome = await run(() =>
      cartApi.place({
        idempotencyKey,
        address: addressChoice === 'new' ? { address: { ...readAddress(data), save: data.get('saveAddress') === 'on' } } : { addressId: addressChoice },
        payment: paymentFrom(data, cardChoice),
        expectedTotal: quote.total!,
      }),
    );
    if (!outcome.ok) {
      retry();
      return;
    }
    void reloadCart();
    const answer = outcome.value;
    navigate(answer.checkout.status === 'paid' ? `/checkout/done/${answer.checkout.id}` : `/checkout/pay/${answer.checkout.id}`, {
      state: answer.payment?.error ? { paymentError: answer.payment.error.message } : null,
    });
  }

  return (
    <form className="checkout" onSubmit={onSubmit} noValidate={false}>
      <ErrorAlert error={error} formFields={['fullName', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone', 'number', 'expMonth', 'expYear', 'cvc']} />
      <section className="section" aria-labelledby="checkout-address">
        <h2 id="checkout-address">1. Shipping address</h2>
        <fieldset className="choice-list">
          <legend className="visually-hidden">Ship to</legend>
          {addresses.map((a) => (
            <label key={a.id} className="choice">
              <input type="radio" name="addressChoice" value={a.id} checked={addressChoice === a.id} onChange={() => setAddressChoice(a.id)} />
              <span>
                <strong>{a.fullName}</strong>, {a.line1}
                {a.line2 ? `, ${a.line2}` : ''}, {a.postalCode ? `${a.postalCode} ` : ''}
                {a.city}, {countryName(a.country)}
              </span>
            </label>
          ))}
          <label className="choice">
            <input type="radio" name="addressChoice" value="new" checked={addressChoice === 'new'} onChange={() => setAddressChoice('new')} />A new address
          </label>
        </fieldset>
        {addressChoice === 'new' ? <AddressFields error={error} country={newCountry} onCountryChange={setNewCountry} /> : null}
      </section>

      <section className="section" aria-labelledby="checkout-review" aria-busy={state.status === 'loading'}>
        <h2 id="checkout-review">2. Review your orders</h2>
        <p className="muted">Each seller ships separately, so your cart becomes one order per seller.</p>
        {quote !== undefined ? (
          <QuoteReview quote={quote} />
        ) : state.status === 'failed' ? (
          <LoadError error={state.error} what="the prices" onRetry={retry} />
        ) : (
          <Loading>Working out shipping…</Loading>
        )}
      </section>

      <section className="section" aria-labelledby="checkout-payment">
        <h2 id="checkout-payment">3. Payment</h2>
        <TestPaymentsNotice provider={provider} />
        <PaymentChoiceFields cards={cards} choice={cardChoice} onChoice={setCardChoice} error={error} />
      </section>

      <div className="checkout-submit card">
        <p className="cart-summary-line">
          <span>Total to pay</span>
          <strong>{quote?.total ? formatMoney(quote.total) : '—'}</strong>
        </p>
        <button type="submit" className="button button-wide" disabled={pending || !quote?.canPlace || state.status !== 'loaded'}>
          Place order and pay
        </button>
      </div>
    </form>
  );
}

function useSignedIn() {
  const { state } = useMe();
  return { status: state.status, me: state.status === 'signed-in' ? state.me : null };
}

export function CheckoutPage() {
  usePageTitle('Checkout');
  const { status } = useSignedIn();
  const { cart } = useCart();
  const { state, retry } = useLoad(status, (signal) => (status === 'signed-in' ? loadWallet(signal) : Promise.resolve(null)));

  if (status === 'signed-out') return <Navigate to="/sign-in?next=%2Fcheckout" replace />;
  if (status === 'loading' || cart === null) return <Loading>Loading checkout…</Loading>;
  if (cart.lines.length === 0) {
    return (
      <>
        <h1>Checkout</h1>
        <p>Your cart is empty.</p>
        <p>
          <Link to="/">Browse the catalog</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Checkout</h1>
      {state.status === 'loaded' && state.data !== null ? (
        <CheckoutForm {...state.data} />
      ) : state.status === 'failed' ? (
        <LoadError error={state.error} what="your checkout" onRetry={retry} />
      ) : (
        <Loading>Loading checkout…</Loading>
      )}
    </>
  );
}

function OrderList({ answer }: { answer: CheckoutAnswer }) {
  return (
    <ul className="card-list">
      {answer.orders.map((order) => (
        <li key={order.id} className="card">
          <p className="card-title">
            <Link to={`/account/orders/${order.id}`}>Order {order.number}</Link>
          </p>
          <p>
            Sold by {order.store.name} · {formatMoney(order.total)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function CheckoutDonePage() {
  usePageTitle('Order placed');
  const { id = '' } = useParams();
  const { state, retry } = useLoad(id, (signal) => cartApi.getCheckout(id, signal));
  if (state.status === 'failed') return <LoadError error={state.error} what="your order" onRetry={retry} />;
  if (state.status !== 'loaded') return <Loading>Loading your order…</Loading>;
  const answer = state.data;
  if (answer.checkout.status !== 'paid') return <Navigate to={`/checkout/pay/${id}`} replace />;
  return (
    <>
      <h1>Thank you! Your order is placed</h1>
      <div role="status" className="notice notice-success">
        <p>
          We received your payment of {formatMoney(answer.checkout.total)}. A confirmation is on its way to your email. Each seller ships their
          part separately; you will get the tracking number by email.
        </p>
      </div>
      <OrderList answer={answer} />
      <p>
        <Link to="/account/orders">See all your orders</Link>
      </p>
    </>
  );
}

export function CheckoutPayPage() {
  usePageTitle('Pay for your order');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const paymentError = (location.state as { paymentError?: string } | null)?.paymentError ?? null;
  const { state, retry } = useLoad(id, async (signal) => {
    const [answer, wallet] = await Promise.all([cartApi.getCheckout(id, signal), loadWallet(signal)]);
    return { answer, cards: wallet.cards, provider: wallet.provider };
  });
  const [cardChoice, setCardChoice] = useState<string | null>(null);
  const { pending, error, run } = useRequest(ERROR_FIELDS);

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
    const outcome = await run(() => cartApi.pay(id, paymentFrom(data, choice)));
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
            Your payment of {formatMoney(answer.checkout.total)} is being confirmed with the card issuer. Do not pay again: if it went
            through, your order is paid and you get a confirmation by email; if not, you can pay here in a few minutes.
          </p>
        </div>
        <OrderList answer={answer} />
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
        . Total to pay: <strong>{formatMoney(answer.checkout.total)}</strong>.
      </p>
      <OrderList answer={answer} />
      <form className="checkout" onSubmit={onSubmit}>
        <ErrorAlert error={error} formFields={['number', 'expMonth', 'expYear', 'cvc']} />
        <TestPaymentsNotice provider={provider} />
        <PaymentChoiceFields cards={cards} choice={choice} onChoice={setCardChoice} error={error} />
        <button type="submit" className="button button-wide" disabled={pending}>
          Pay {formatMoney(answer.checkout.total)}
        </button>
      </form>
    </>
  );
}
