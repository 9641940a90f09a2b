import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../../components/fields.tsx';
import { countryName } from '../../../lib/countries.ts';
import { useCountry } from '../../../lib/country-context.tsx';

/**
 * The listings' visible "Show items that don't ship to <country>" toggle. Listings show only what
 * ships to the header's country by default ('' in the address); on, they show everything ('all').
 * A shared link's own country ("shipsTo=JP") is named instead of the header's. Applies at once.
 */
export function ShipsToToggle({ shipsTo, onChange }: { shipsTo: string; onChange: (shipsTo: string) => void }) {
  const { t } = useTranslation('catalog');
  const { countryName: headerCountryName } = useCountry();
  const name = shipsTo !== '' && shipsTo !== 'all' ? countryName(shipsTo) : headerCountryName;
  return (
    <div className="ships-to-toggle">
      <CheckboxField
        label={t('shipsToToggle', { name })}
        name="showAllShipping"
        checked={shipsTo === 'all'}
        onChange={(event) => onChange(event.currentTarget.checked ? 'all' : '')}
      />
    </div>
  );
}
