// The languages Souk ships translated (issue 20, decision 059). English is the source and the
// fallback; every other language is complete (test/i18n.test.ts fails on a missing key). The web
// app keeps its own copy (web/src/i18n/languages.ts, the web imports nothing from the server),
// which the same test holds equal to this one.
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The locale mails format dates, amounts and counts in, per language ("Jan 5, 2027", "5 janv. 2027"). */
const LOCALES: Record<Language, string> = { en: 'en-US', fr: 'fr-FR' };

export const localeOf = (language: Language): string => LOCALES[language];

/** A stored choice as a language: null or one Souk no longer ships reads as English. */
export const languageOrDefault = (value: unknown): Language => (isLanguage(value) ? value : DEFAULT_LANGUAGE);
