// The languages Souk ships (decision 059). The server keeps its own copy (src/lib/languages.ts;
// the web app imports nothing from the server) and test/i18n.test.ts holds the two equal.
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's name in itself, as a language menu shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the browser's languages Souk speaks ("fr-CA" → "fr"), or English. */
export function languageOf(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.split('-')[0]?.toLowerCase();
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * The locale dates, numbers and prices are formatted in: the browser's own tag when it is of the
 * chosen language ("en-GB" keeps day-month dates for an English reader in Britain), else the language.
 */
export function localeOf(language: Language, preferred: readonly string[]): string {
  return preferred.find((tag) => tag.split('-')[0]?.toLowerCase() === language) ?? language;
}
