// Translations (issue 20, decision 059): i18next with react-i18next. Catalogues are JSON files,
// one per namespace and language, under ./locales/<language>/<namespace>.json; a feature's texts
// live in the namespace named after its folder ("deletion", "checkout"), texts shared by the shell
// and the components in "common", the error catalogue's codes in "errors". English is bundled with
// the app; another language's catalogues are a separate chunk, loaded before the first render for a
// reader of that language (no flash of English) or when the reader picks it in the header.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setFormatLocale } from '../lib/format.ts';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language, languageOf, localeOf } from './languages.ts';

const STORAGE_KEY = 'souk.language';

type Catalogue = Record<string, unknown>;
const english = import.meta.glob<Catalogue>('./locales/en/*.json', { eager: true, import: 'default' });
// One module per other language (./locales/fr.ts) gathering its catalogues: one chunk to load.
const others = import.meta.glob<Record<string, Catalogue>>('./locales/*.ts', { import: 'default' });

/** "./locales/fr/checkout.json" or "./fr/checkout.json" → "checkout". */
function namespaceOf(path: string): string {
  const match = /\/([^/]+)\.json$/.exec(path);
  if (match === null) throw new Error(`not a catalogue path: ${path}`);
  return match[1]!;
}

const loaded = new Set<Language>([DEFAULT_LANGUAGE]);

async function load(language: Language): Promise<void> {
  if (loaded.has(language)) return;
  const read = others[`./locales/${language}.ts`];
  if (read === undefined) throw new Error(`no catalogues for ${language}`);
  for (const [path, catalogue] of Object.entries(await read()))
    i18next.addResourceBundle(language, namespaceOf(path), catalogue, true, true);
  loaded.add(language);
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

function readStored(): Language | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

function applyLocale(language: Language) {
  setFormatLocale(localeOf(language, browserLanguages()));
  document.documentElement.lang = language;
}

/** The language this browser reads in: the one chosen here before, else the browser's own. */
export function detectLanguage(): Language {
  return readStored() ?? languageOf(browserLanguages());
}

/** Sets up translations in `language`; the app renders once this resolves. */
export async function initI18n(language: Language = detectLanguage()): Promise<void> {
  const resources: Record<string, Record<string, Catalogue>> = { en: {} };
  for (const [path, catalogue] of Object.entries(english)) resources.en![namespaceOf(path)] = catalogue;
  applyLocale(language);
  await i18next.use(initReactI18next).init({
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources,
    defaultNS: 'common',
    ns: Object.keys(resources.en!),
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
    saveMissing: true,
    // A key no catalogue has (English included); browser tests fail on this warning.
    missingKeyHandler: (_languages, namespace, key) => {
      console.warn(`Missing translation: ${namespace}:${key}`);
    },
    react: { useSuspense: false },
  });
  if (language !== DEFAULT_LANGUAGE) await changeLanguage(language, { remember: false });
}

/** Switches every page to `language`; `remember` keeps the choice in this browser. */
export async function changeLanguage(language: Language, { remember = true } = {}): Promise<void> {
  await load(language);
  applyLocale(language);
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // storage blocked: the choice lasts for this page
    }
  }
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

export { i18next };
