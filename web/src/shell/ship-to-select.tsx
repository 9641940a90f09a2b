import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n/index.ts';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages.ts';
import { saveAccountPreferences } from '../lib/account-preferences.ts';
import { useCountry } from '../lib/country-context.tsx';
import { listCountries } from '../lib/countries.ts';
import { useCurrency } from '../lib/currency-context.tsx';
import { formatLocale } from '../lib/format.ts';
import { useMe } from '../lib/me-context.tsx';

let currencyNames: { locale: string | undefined; names: Intl.DisplayNames } | undefined;

/** "Euro" for EUR (in the reader's language); the code for one Intl does not know. */
function currencyName(code: string): string {
  const locale = formatLocale();
  if (currencyNames === undefined || currencyNames.locale !== locale)
    currencyNames = {
      locale,
      names: new Intl.DisplayNames(locale === undefined ? ['en'] : [locale, 'en'], {
        type: 'currency',
        fallback: 'code',
      }),
    };
  return currencyNames.names.of(code) ?? code;
}

/** The header's "Language": every page (and, for an account, every mail) is written in it. */
function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const { state } = useMe();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : currentLanguage();
  return (
    <>
      <label htmlFor="site-language">{t('shipTo.language')}</label>
      <select
        id="site-language"
        value={language}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (!isLanguage(chosen)) return;
          void changeLanguage(chosen);
          if (state.status === 'signed-in')
            void saveAccountPreferences(state.me.id, { language: chosen }).catch(() => {});
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </>
  );
}

/** The header's "Currency": the one prices show in (converted where a seller prices in another). */
function CurrencySelect() {
  const { t } = useTranslation();
  const { currencies, currency, setCurrency } = useCurrency();
  if (currency === null || currencies.length < 2) return null;
  return (
    <>
      <label htmlFor="display-currency">{t('shipTo.currency')}</label>
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

/** The header's "Ship to" country (prices, shipping costs and the ships-to filter follow it), currency and language. */
export function ShipToSelect() {
  const { t } = useTranslation();
  const { country, setCountry } = useCountry();
  return (
    <div className="ship-to">
      <label htmlFor="ship-to-country">{t('shipTo.country')}</label>
      <select id="ship-to-country" value={country} onChange={(event) => setCountry(event.currentTarget.value)}>
        {listCountries().map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      <CurrencySelect />
      <LanguageSelect />
    </div>
  );
}
