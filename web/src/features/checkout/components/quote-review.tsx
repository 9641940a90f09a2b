// The checkout's review step: one order per seller with its sums, and what stops the cart from being ordered.
import { Money } from '../../../components/money.tsx';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { countryName } from '../../../lib/countries.ts';
import type { Quote } from '../api.ts';

function deliveryText(delivery: { minDays: number; maxDays: number }): string {
  return delivery.minDays === delivery.maxDays
    ? i18next.t('checkout:review.deliveryIn', { count: delivery.maxDays })
    : i18next.t('checkout:review.deliveryBetween', { low: delivery.minDays, high: delivery.maxDays });
}

/** A problem's wording by its code where the web has one; else the server's (English) message. */
function problemMessage(problem: { code: string; message: string }): string {
  const key = `errors:codes.${problem.code}`;
  return i18next.exists(key) ? i18next.t(key) : problem.message;
}

export function QuoteReview({ quote }: { quote: Quote }) {
  const { t } = useTranslation('checkout');
  return (
    <>
      {quote.groups.map((group, n) => (
        <div key={group.store.id} className="checkout-group card">
          <h3>{t('review.orderOf', { n: n + 1, total: quote.groups.length, store: group.store.name })}</h3>
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
              <dt>{t('review.items')}</dt>
              <dd>
                <Money money={group.itemsTotal} charged />
              </dd>
            </div>
            {group.discount.amount > 0 ? (
              <div>
                <dt>{t('review.discount')}</dt>
                <dd>
                  −<Money money={group.discount} charged />
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('review.shippingTo', { country: countryName(quote.country) })}</dt>
              <dd>
                {group.shipping === null ? (
                  t('review.doesNotShip')
                ) : group.shipping.amount === 0 ? (
                  t('review.free')
                ) : (
                  <Money money={group.shipping} charged />
                )}
              </dd>
            </div>
            <div className="checkout-sum-total">
              <dt>{t('review.orderTotal')}</dt>
              <dd>
                <Money money={group.total} charged />
              </dd>
            </div>
          </dl>
          {group.delivery !== null ? (
            <p className="muted">{t('review.afterShips', { delivery: deliveryText(group.delivery) })}</p>
          ) : null}
        </div>
      ))}
      {quote.problems.length > 0 ? (
        <div role="alert" className="notice notice-error">
          <p>{t('review.cannotOrder')}</p>
          <ul>
            {quote.problems.map((p, i) => (
              <li key={i}>
                {p.code === 'NOT_SHIPPABLE' && p.storeId !== null
                  ? t('review.storeDoesNotShip', {
                      store: quote.groups.find((g) => g.store.id === p.storeId)?.store.name ?? t('review.aSeller'),
                      country: countryName(quote.country),
                    })
                  : problemMessage(p)}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/cart">{t('backToCart')}</Link>
          </p>
        </div>
      ) : null}
    </>
  );
}
