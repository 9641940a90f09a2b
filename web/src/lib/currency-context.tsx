// The currency the shopper sees prices in (issue 20, decision 058). Sellers price in their own
// currency, and payment is taken in it; every price shown is also converted, exactly (convert.ts),
// with the rates in use (GET /api/currencies), and marked as converted. The choice defaults from the
// "Ship to" country, is remembered in this browser for a guest and saved for an account.
import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useState } from 'react';
import { api, send, type Money } from '../api/client.ts';
import { convertMinor, parseRate } from './convert.ts';
import { useCountry } from './country-context.tsx';
import { useMe } from './me-context.tsx';
import { accountPreferences, saveAccountPreferences } from './account-preferences.ts';

const STORAGE_KEY = 'souk.currency';

/** The currency most people in a country pay in. */
const COUNTRY_CURRENCY: Record<string, string> = {
  US: 'USD',
  CA: 'CAD',
  MX: 'MXN',
  BR: 'BRL',
  AR: 'ARS',
  CL: 'CLP',
  CO: 'COP',
  PE: 'PEN',
  GB: 'GBP',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  IS: 'ISK',
  PL: 'PLN',
  CZ: 'CZK',
  HU: 'HUF',
  RO: 'RON',
  TR: 'TRY',
  UA: 'UAH',
  MA: 'MAD',
  DZ: 'DZD',
  TN: 'TND',
  EG: 'EGP',
  NG: 'NGN',
  KE: 'KES',
  ZA: 'ZAR',
  AE: 'AED',
  SA: 'SAR',
  KW: 'KWD',
  QA: 'QAR',
  BH: 'BHD',
  OM: 'OMR',
  JO: 'JOD',
  IL: 'ILS',
  IN: 'INR',
  PK: 'PKR',
  CN: 'CNY',
  JP: 'JPY',
  KR: 'KRW',
  TW: 'TWD',
  HK: 'HKD',
  SG: 'SGD',
  MY: 'MYR',
  TH: 'THB',
  ID: 'IDR',
  PH: 'PHP',
  VN: 'VND',
  AU: 'AUD',
  NZ: 'NZD',
};
const EURO = 'AT BE BG CY DE EE ES FI FR GR HR IE IT LT LU LV MC MT NL PT SI SK SM VA AD ME XK'.split(' ');
for (const country of EURO) COUNTRY_CURRENCY[country] = 'EUR';

export type CurrencyRates = {
  setId: string | null;
  asOf: string | null;
  currencies: Array<{ code: string; digits: number; rate: string }>;
};

type CurrencyContextValue = {
  /** Currencies prices can be shown in (those the rates in use quote). */
  currencies: CurrencyRates['currencies'];
  /** The day of the rates in use. */
  asOf: string | null;
  /** The rate set in use, for a checkout to name. */
  setId: string | null;
  /** The currency prices show in; null when no rates exist (each seller's own currency is shown). */
  currency: string | null;
  /** The shopper's own choice, or null: the "Ship to" country's currency. */
  chosen: string | null;
  setCurrency: (code: string | null) => void;
  /** `money` in the display currency, or null when it is already in it or cannot be converted. */
  convert: (money: Money) => Money | null;
};

const CurrencyContext = createContext<CurrencyContextValue | null>(null);

function readStored(): string | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored !== null && /^[A-Z]{3}$/.test(stored) ? stored : null;
  } catch {
    return null;
  }
}

function store(code: string | null) {
  try {
    if (code === null) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // storage blocked: the choice lasts for this page
  }
}

export function CurrencyProvider({ children }: { children: ReactNode }) {
  const { country } = useCountry();
  const { state: me } = useMe();
  const [rates, setRates] = useState<CurrencyRates>({ setId: null, asOf: null, currencies: [] });
  const [chosen, setChosen] = useState<string | null>(readStored);
  const userId = me.status === 'signed-in' ? me.me.id : null;

  useEffect(() => {
    const controller = new AbortController();
    send(api.GET('/api/currencies', { signal: controller.signal }))
      .then(setRates)
      .catch(() => {}); // no rates: prices show in the sellers' currencies
    return () => controller.abort();
  }, []);

  // An account's saved choice wins over this browser's.
  useEffect(() => {
    if (userId === null) return;
    let current = true;
    accountPreferences(userId)
      .then((prefs) => {
        if (current && prefs.displayCurrency !== null) {
          setChosen(prefs.displayCurrency);
          store(prefs.displayCurrency);
        }
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [userId]);

  const setCurrency = useCallback(
    (code: string | null) => {
      setChosen(code);
      store(code);
      if (userId !== null) void saveAccountPreferences(userId, { displayCurrency: code }).catch(() => {});
    },
    [userId],
  );

  const value = useMemo<CurrencyContextValue>(() => {
    const byCode = new Map(rates.currencies.map((c) => [c.code, parseRate(c.rate)]));
    const quoted = (code: string | null | undefined): code is string => code != null && byCode.get(code) != null;
    const fromCountry = COUNTRY_CURRENCY[country];
    const currency = quoted(chosen) ? chosen : quoted(fromCountry) ? fromCountry : quoted('USD') ? 'USD' : null;
    const convert = (money: Money): Money | null => {
      if (currency === null || money.currency === currency) return null;
      const fromRate = byCode.get(money.currency);
      const toRate = byCode.get(currency);
      if (fromRate == null || toRate == null) return null;
      const amount = convertMinor(
        money.amount,
        { currency: money.currency, rate: fromRate },
        { currency, rate: toRate },
      );
      return amount === null ? null : { amount, currency };
    };
    return {
      currencies: rates.currencies,
      asOf: rates.asOf,
      setId: rates.setId,
      currency,
      chosen,
      setCurrency,
      convert,
    };
  }, [rates, chosen, country, setCurrency]);

  return <CurrencyContext value={value}>{children}</CurrencyContext>;
}

export function useCurrency(): CurrencyContextValue {
  const value = use(CurrencyContext);
  if (value === null) throw new Error('useCurrency must be used inside <CurrencyProvider>');
  return value;
}
