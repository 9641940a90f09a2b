// Dates in mails read as on the pages (issue 20): the locale's medium date, "Jan 5, 2027" in
// English, "5 janv. 2027" in French, in UTC (a mail does not know its reader's time zone; the pages
// show local time).
import { DEFAULT_LANGUAGE, localeOf, type Language } from './languages.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

export function formatDay(date: Date, language: Language = DEFAULT_LANGUAGE): string {
  const locale = localeOf(language);
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    formats.set(locale, format);
  }
  return format.format(date);
}
