import type { Product, ShippingRate } from '../api.ts';
import { countryName } from '../../../lib/countries.ts';
import { formatMoney } from '../../../lib/format.ts';

type Estimate = { minDays: number | null; maxDays: number | null };

/** "arrives in 3–7 days", "arrives in 2 days", or nothing when the seller gave no estimate. */
export function arrivalText({ minDays, maxDays }: Estimate): string | null {
  const low = minDays ?? maxDays;
  const high = maxDays ?? minDays;
  if (low === null || high === null) return null;
  if (low === high) return `arrives in ${low} ${low === 1 ? 'day' : 'days'}`;
  return `arrives in ${low}–${high} days`;
}

function costText(cost: ShippingRate['cost'] | null): string {
  return cost === null || cost.amount === 0 ? 'Free' : formatMoney(cost);
}

function rateText(cost: ShippingRate['cost'] | null, estimate: Estimate): string {
  const arrival = arrivalText(estimate);
  return arrival === null ? costText(cost) : `${costText(cost)} · ${arrival}`;
}

/** Shipping to the header's country, then every country the seller ships to. */
export function ProductShipping({ product }: { product: Product }) {
  const { shipping } = product;
  const name = countryName(shipping.country);
  const collator = new Intl.Collator('en');
  const rates = product.shipsTo
    .map((rate) => ({ ...rate, name: countryName(rate.country) }))
    .sort((a, b) => collator.compare(a.name, b.name));

  return (
    <section className="product-section shipping" aria-labelledby="product-shipping">
      <h2 id="product-shipping">Shipping</h2>
      {shipping.available ? (
        <p className="shipping-here">
          Ships to {name}: {rateText(shipping.cost, shipping)}
        </p>
      ) : (
        <p className="shipping-here shipping-unavailable">Does not ship to {name}</p>
      )}
      {rates.length > 0 ? (
        <details className="shipping-list">
          <summary>Ships to {rates.length === 1 ? '1 country' : `${rates.length} countries`}</summary>
          <ul>
            {rates.map((rate) => (
              <li key={rate.country}>
                <span className="shipping-country">{rate.name}</span>
                <span>{rateText(rate.cost, rate)}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
