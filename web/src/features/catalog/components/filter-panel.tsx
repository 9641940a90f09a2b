import i18next from 'i18next';
import { Fragment, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategorySummary } from '../api.ts';
import { parseMajorPrice, type BrowseState } from '../browse-params.ts';
import { useCurrency } from '../../../lib/currency-context.tsx';
import { currencyDigits, formatLocale } from '../../../lib/format.ts';
import { useMediaQuery } from '../../../lib/use-media-query.ts';
import { CheckboxField, formText, SelectField, TextField } from '../../../components/fields.tsx';

type PriceErrors = { min?: string; max?: string };

/** What a price looks like in a currency with `digits` decimals (yen have none, dinars three). */
function priceHint(digits: number): string {
  if (digits === 0) return i18next.t('catalog:filters.priceHintWhole');
  const example = (10 - 10 ** -digits).toLocaleString(formatLocale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  });
  return i18next.t('catalog:filters.priceHint', { example });
}

function checkPrices(min: string, max: string, digits: number): PriceErrors {
  const errors: PriceErrors = {};
  const minValue = min === '' ? null : parseMajorPrice(min, digits);
  const maxValue = max === '' ? null : parseMajorPrice(max, digits);
  if (min !== '' && minValue === null) errors.min = priceHint(digits);
  if (max !== '' && maxValue === null) errors.max = priceHint(digits);
  if (minValue !== null && maxValue !== null && maxValue < minValue)
    errors.max = i18next.t('catalog:filters.maxBelowMin');
  return errors;
}

type FilterPanelProps = {
  state: BrowseState;
  /** Changes with the address: the fields then start again from `state` (back/forward). */
  formKey: string;
  /** null while the list loads: the current category stays selectable meanwhile. */
  categories: CategorySummary[] | null;
  onApply: (next: BrowseState) => void;
};

/**
 * The filters form. Always open on wide screens; on phones it folds behind "Filters".
 * Fields start from the address, so back/forward shows the filters that produced the results.
 */
export function FilterPanel({ state, formKey, categories, onApply }: FilterPanelProps) {
  const { t } = useTranslation('catalog');
  const wide = useMediaQuery('(min-width: 56rem)');
  const [open, setOpen] = useState(false);
  const [checked, setChecked] = useState<{ formKey: string; errors: PriceErrors }>({ formKey, errors: {} });
  const errors = checked.formKey === formKey ? checked.errors : {};
  const summary = useRef<HTMLElement>(null);
  // Prices are typed in the display currency (decision 060); without rates, in hundredths as before.
  const { currency } = useCurrency();
  const digits = currency === null ? 2 : currencyDigits(currency);

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const min = formText(form, 'min').trim();
    const max = formText(form, 'max').trim();
    const found = checkPrices(min, max, digits);
    setChecked({ formKey, errors: found });
    if (found.min !== undefined || found.max !== undefined) {
      form
        .querySelector<HTMLInputElement>(found.min !== undefined ? 'input[name="min"]' : 'input[name="max"]')
        ?.focus();
      return;
    }
    const isChecked = (name: string) => new FormData(form).get(name) !== null;
    onApply({
      ...state,
      category: formText(form, 'category'),
      min,
      max,
      onOffer: isChecked('onOffer'),
      freeShipping: isChecked('freeShipping'),
      page: 1,
    });
    // On phones, fold the panel so the results show, and keep focus where the panel was.
    if (!wide) {
      setOpen(false);
      summary.current?.focus();
    }
  }

  // Until the list arrives (or for a slug it lacks) the current category is its own option.
  const orphanCategory =
    state.category !== '' && (categories === null || !categories.some((category) => category.slug === state.category));

  return (
    <details className="filters" open={wide || open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary ref={summary} className="filters-summary">
        {t('filters.title')}
      </summary>
      <form className="filters-form" aria-label={t('filters.title')} onSubmit={onSubmit} noValidate>
        {/* Only the fields start again when the address changes: the button keeps focus after "Apply filters". */}
        <Fragment key={formKey}>
          {/* key: an uncontrolled select picks its default only once, so start again when the list arrives */}
          <SelectField
            key={categories === null ? 'loading' : 'loaded'}
            label={t('filters.category')}
            name="category"
            defaultValue={state.category}
          >
            <option value="">{t('filters.allCategories')}</option>
            {orphanCategory ? <option value={state.category}>{state.category}</option> : null}
            {(categories ?? []).map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
          </SelectField>
          <div className="filters-prices">
            <TextField
              label={currency === null ? t('filters.minPrice') : t('filters.minPriceIn', { currency })}
              name="min"
              inputMode={digits === 0 ? 'numeric' : 'decimal'}
              autoComplete="off"
              defaultValue={state.min}
              error={errors.min}
            />
            <TextField
              label={currency === null ? t('filters.maxPrice') : t('filters.maxPriceIn', { currency })}
              name="max"
              inputMode={digits === 0 ? 'numeric' : 'decimal'}
              autoComplete="off"
              defaultValue={state.max}
              error={errors.max}
            />
          </div>
          <CheckboxField label={t('filters.onOffer')} name="onOffer" value="true" defaultChecked={state.onOffer} />
          <CheckboxField
            label={t('filters.freeShipping')}
            name="freeShipping"
            value="true"
            defaultChecked={state.freeShipping}
          />
        </Fragment>
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
      </form>
    </details>
  );
}
