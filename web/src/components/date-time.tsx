import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, parseDate } from '../lib/format.ts';

/** A date-time in the reader's locale, machine-readable in `dateTime`. */
export function DateTime({ iso, dateOnly = false }: { iso: string | null; dateOnly?: boolean }) {
  const { t } = useTranslation();
  const date = parseDate(iso);
  if (date === null) return <>{t('dateTime.unknown')}</>;
  return <time dateTime={date.toISOString()}>{dateOnly ? formatDate(date) : formatDateTime(date)}</time>;
}
