import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Product, ProductVariant } from '../api.ts';
import { formatLocale } from '../../../lib/format.ts';

/** The values chosen so far, one per option (null: not chosen yet). */
export type Choice = Array<string | null>;

/** A product's first choice: an option with one value only is chosen already. */
export const initialChoice = (product: Product): Choice =>
  product.options.map((o) => (o.values.length === 1 ? o.values[0]! : null));

/** The variant of a complete choice, or undefined (incomplete, or no such combination). */
export const variantOf = (product: Product, choice: Choice): ProductVariant | undefined =>
  choice.some((v) => v === null) ? undefined : product.variants.find((v) => v.options.every((x, i) => x === choice[i]));

/** "Choose a colour and size", naming what is still to choose; null once every option has a value. */
export function stillToChoose(product: Product, choice: Choice): string | null {
  const locale = formatLocale() ?? 'en';
  const missing = product.options.filter((_, i) => choice[i] === null).map((o) => o.name.toLocaleLowerCase(locale));
  if (missing.length === 0) return null;
  const last = missing.at(-1);
  const names =
    missing.length === 1 ? last : `${missing.slice(0, -1).join(', ')} ${i18next.t('catalog:variants.and')} ${last}`;
  return i18next.t('catalog:variants.chooseFirst', { names });
}

/**
 * One group of radio buttons per option (native radios: arrow keys move within a group, Tab
 * between groups). A value sold out with the other choices made says so beside it, and stays
 * choosable so the page can say that combination is out of stock.
 */
export function VariantPicker({
  product,
  choice,
  onChange,
}: {
  product: Product;
  choice: Choice;
  onChange: (choice: Choice) => void;
}) {
  const { t } = useTranslation('catalog');
  return (
    <div className="variant-picker">
      {product.options.map((option, i) => (
        <fieldset key={option.name} className="variant-option">
          <legend>
            {option.name}
            {choice[i] !== null ? <span className="variant-chosen">: {choice[i]}</span> : null}
          </legend>
          <div className="variant-values">
            {option.values.map((value) => {
              const match = variantOf(
                product,
                choice.map((c, j) => (j === i ? value : c)),
              );
              const others = choice.every((c, j) => j === i || c !== null);
              const soldOut = others && (match === undefined || match.stock === 0);
              const id = `variant-${i}-${option.values.indexOf(value)}`;
              return (
                <span key={value} className="variant-value">
                  <input
                    type="radio"
                    id={id}
                    name={`variant-option-${i}`}
                    value={value}
                    checked={choice[i] === value}
                    onChange={() => onChange(choice.map((c, j) => (j === i ? value : c)))}
                  />
                  <label htmlFor={id} className={soldOut ? 'variant-sold-out' : undefined}>
                    {value}
                    {soldOut ? (
                      <span className="variant-note">
                        {match === undefined ? t('variants.notAvailable') : t('variants.soldOut')}
                      </span>
                    ) : null}
                  </label>
                </span>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
