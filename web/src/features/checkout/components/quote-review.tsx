// The checkout's review step: one order per seller with its sums, and what stops the cart from being ordered.
import { Money } from '../../../components/money.tsx';
import { Link } from 'react-router';
import { countryName } from '../../../lib/countries.ts';
import type { Quote } from '../api.ts';

function deliveryText(delivery: { minDays: number; maxDays: number }): string {
  return delivery.minDays === delivery.maxDays
    ? `Delivery in ${delivery.maxDays} days`
    : `Delivery in ${delivery.minDays}–${delivery.maxDays} days`;
}

export function QuoteReview({ quote }: { quote: Quote }) {
  return (
    <>
      {quote.groups.map((group, n) => (
        <div key={group.store.id} className="checkout-group card">
          <h3>
            Order {n + 1} of {quote.groups.length}: sold by {group.store.name}
          </h3>
          <ul className="checkout-items">
            {group.lines.map((line) => (
              <li key={`${line.productId}:${line.variantId ?? ''}`}>
                <span>
                  {line.quantity} × {line.title}
                  {line.variantLabel ? <span className="line-variant">{line.variantLabel}</span> : null}
                </span>
                <span>
                  <Money money={line.lineTotal} charged />
                </span>
              </li>
            ))}
          </ul>
          <dl className="checkout-sums">
            <div>
              <dt>Items</dt>
              <dd>
                <Money money={group.itemsTotal} charged />
              </dd>
            </div>
            {group.discount.amount > 0 ? (
              <div>
                <dt>Discount</dt>
                <dd>
                  −<Money money={group.discount} charged />
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Shipping to {countryName(quote.country)}</dt>
              <dd>
                {group.shipping === null ? (
                  'Does not ship there'
                ) : group.shipping.amount === 0 ? (
                  'Free'
                ) : (
                  <Money money={group.shipping} charged />
                )}
              </dd>
            </div>
            <div className="checkout-sum-total">
              <dt>Order total</dt>
              <dd>
                <Money money={group.total} charged />
              </dd>
            </div>
          </dl>
          {group.delivery !== null ? (
            <p className="muted">{deliveryText(group.delivery)} after the seller ships.</p>
          ) : null}
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
