import i18next from 'i18next';
import type { FormError } from './form-error.ts';

/**
 * The error a form shows for required fields left empty, all named at once (the server's
 * validation stops at the first problem). Null when none is empty.
 */
export function missingFields(
  values: Record<string, string>,
  required: readonly string[],
  messages: Record<string, string>,
): FormError | null {
  const blank = required.filter((field) => (values[field] ?? '').trim() === '');
  if (blank.length === 0) return null;
  return {
    code: 'VALIDATION_FAILED',
    message: i18next.t('errors:general.correctFields'),
    fields: Object.fromEntries(blank.map((field) => [field, messages[field] ?? i18next.t('common:fields.fillThisIn')])),
  };
}
