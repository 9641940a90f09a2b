import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { countryName, isCountryCode } from './countries.ts';

const STORAGE_KEY = 'souk.country';
const FALLBACK = 'US';

type CountryContextValue = {
  /** ISO 3166-1 alpha-2 code of the country the shopper ships to. */
  country: string;
  /** Its English name, for labels. */
  countryName: string;
  setCountry: (code: string) => void;
};

const CountryContext = createContext<CountryContextValue | null>(null);

function readStored(): string | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored !== null && isCountryCode(stored) ? stored : null;
  } catch {
    return null; // storage blocked (privacy settings): the choice lasts for this page only
  }
}

/** The region of the browser's language ("en-GB" → GB), else US. */
function fromBrowser(): string {
  try {
    const region = new Intl.Locale(navigator.language).region;
    return region !== undefined && isCountryCode(region) ? region : FALLBACK;
  } catch {
    return FALLBACK;
  }
}

/** Holds the "Ship to" country for the whole app and remembers it in this browser. */
export function CountryProvider({ children }: { children: ReactNode }) {
  const [country, setState] = useState<string>(() => readStored() ?? fromBrowser());

  const setCountry = useCallback((code: string) => {
    if (!isCountryCode(code)) return;
    setState(code);
    try {
      window.localStorage.setItem(STORAGE_KEY, code);
    } catch {
      // not stored; see readStored
    }
  }, []);

  // A choice made in another tab applies here too.
  useEffect(() => {
    function onStorage(event: StorageEvent) {
      if (event.key !== STORAGE_KEY || event.newValue === null || !isCountryCode(event.newValue)) return;
      setState(event.newValue);
    }
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const value = useMemo(() => ({ country, countryName: countryName(country), setCountry }), [country, setCountry]);
  return <CountryContext value={value}>{children}</CountryContext>;
}

export function useCountry(): CountryContextValue {
  const value = use(CountryContext);
  if (value === null) throw new Error('useCountry must be used inside <CountryProvider>');
  return value;
}
