import { useCountry } from '../lib/country-context.tsx';
import { listCountries } from '../lib/countries.ts';
import { useCurrency } from '../lib/currency-context.tsx';

let currencyNames: Intl.DisplayNames | undefined;

/** "Euro" for EUR; the code for one Intl does not know. */
function currencyName(code: string): string {
  currencyNames ??= new Intl.DisplayNames(['en'], { type: 'currency', fallback: 'code' });
  return currencyNames.of(code) ?? code;
}

/** The header's "Currency": the one prices show in (converted where a seller prices in another). */
function CurrencySelect() {
  const { currencies, currency, setCurrency } = useCurrency();
  if (currency === null || currencies.length < 2) return null;
  return (
    <>
      <label htmlFor="display-currency">Currency</label>
      <select id="display-currency" value={currency} onChange={(event) => setCurrency(event.currentTarget.value)}>
        {currencies.map(({ code }) => (
          <option key={code} value={code}>
            {code} · {currencyName(code)}
          </option>
        ))}
      </select>
    </>
  );
}

/** The header's "Ship to" country: prices, shipping costs and the ships-to filter follow it. */
export function ShipToSelect() {
  const { country, setCountry } = useCountry();
  return (
    <div className="ship-to">
      <label htmlFor="ship-to-country">Ship to</label>
      <select id="ship-to-country" value={country} onChange={(event) => setCountry(event.currentTarget.value)}>
        {listCountries().map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      <CurrencySelect />
    </div>
  );
}
