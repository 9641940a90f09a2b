import { useCountry } from '../lib/country-context.tsx';
import { listCountries } from '../lib/countries.ts';

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
    </div>
  );
}
