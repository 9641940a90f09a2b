import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Product, ShippingRate } from '../api.ts';
import { countryName } from '../../../lib/countries.ts';
import { formatLocale } from '../../../lib/format.ts';
import { Money } from '../../../components/money.tsx';

type Estimate = { minDays: number | null; maxDays: number | null };

/** "arrives in 3–7 days", "arrives in 2 days", or nothing when the seller gave no estimate. */
export function arrivalText({ minDays, maxDays }: Estimate): string | null {
  const low = minDays ?? maxDays;
  const high = maxDays ?? minDays;
  if (low === null || high === null) return null;
  if (low === high) return i18next.t('catalog:shipping.arrivesIn', { count: low });
  return i18next.t('catalog:shipping.arrivesBetween', { low, high });
}

/** The cost (in the shopper's currency where the seller's differs: components/money.tsx) and the arrival estimate. */
function RateText({ cost, estimate }: { cost: ShippingRate['cost'] | null; estimate: Estimate }) {
  const { t } = useTranslation('catalog');
  const arrival = arrivalText(estimate);
  return (
    <>
      {cost === null || cost.amount === 0 ? t('shipping.free') : <Money money={cost} />}
      {arrival === null ? null : ` · ${arrival}`}
    </>
  );
}

/** Shipping to the header's country, then every country the seller ships to. */
export function ProductShipping({ product }: { product: Product }) {
  const { t } = useTranslation('catalog');
  const { shipping } = product;
  const name = countryName(shipping.country);
  const collator = new Intl.Collator(formatLocale());
  const rates = product.shipsTo
    .map((rate) => ({ ...rate, name: countryName(rate.country) }))
    .sort((a, b) => collator.compare(a.name, b.name));

  return (
    <section className="product-section shipping" aria-labelledby="product-shipping">
      <h2 id="product-shipping">{t('shipping.title')}</h2>
      {shipping.available ? (
        <p className="shipping-here">
          {t('shipping.shipsTo', { name })} <RateText cost={shipping.cost} estimate={shipping} />
        </p>
      ) : (
        <p className="shipping-here shipping-unavailable">{t('shipping.doesNotShip', { name })}</p>
      )}
      {rates.length > 0 ? (
        <details className="shipping-list">
          <summary>{t('shipping.countries', { count: rates.length })}</summary>
          <ul>
            {rates.map((rate) => (
              <li key={rate.country}>
                <span className="shipping-country">{rate.name}</span>
                <span>
                  <RateText cost={rate.cost} estimate={rate} />
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
