// Star ratings. Shown as five stars drawn with CSS and read out as one sentence ("4.5 out of 5
// stars"); chosen with five radio buttons, so keyboards and screen readers need nothing special.
import i18next from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseBody } from '../api/client.ts';

/** Mean of the visible reviews (one decimal; null without reviews) and their number. */
export type Rating = ResponseBody<'/api/products/{id}', 'get'>['rating'];
import { formatLocale } from '../lib/format.ts';

const STARS = [1, 2, 3, 4, 5] as const;

export function starsLabel(value: number): string {
  const rating = value.toLocaleString(formatLocale() ?? 'en', { maximumFractionDigits: 1 });
  return i18next.t('common:stars.outOfFive', { rating });
}

/** Five stars filled to `value` (0–5), with its words for assistive technology. */
export function Stars({ value, size = 'normal' }: { value: number; size?: 'normal' | 'small' }) {
  const percent = Math.max(0, Math.min(100, (value / 5) * 100));
  return (
    <span className={size === 'small' ? 'stars stars-small' : 'stars'} role="img" aria-label={starsLabel(value)}>
      <span className="stars-fill" style={{ width: `${percent}%` }} aria-hidden="true">
        ★★★★★
      </span>
      <span className="stars-empty" aria-hidden="true">
        ★★★★★
      </span>
    </span>
  );
}

/** "★★★★½ 4.5 out of 5 stars, 12 reviews", or "No reviews yet". */
export function RatingSummary({ rating, size = 'normal' }: { rating: Rating; size?: 'normal' | 'small' }) {
  const { t } = useTranslation();
  if (rating.average === null || rating.count === 0)
    return <span className="rating-summary muted">{t('stars.noReviews')}</span>;
  return (
    <span className="rating-summary">
      <Stars value={rating.average} size={size} />{' '}
      <span className="rating-text">
        {starsLabel(rating.average)}, {t('stars.reviews', { count: rating.count })}
      </span>
    </span>
  );
}

/** Choosing 1 to 5 stars: a group of radio buttons styled as stars. */
export function StarInput({
  value,
  onChange,
  error,
}: {
  value: number | null;
  onChange: (value: number) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="star-input" aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{t('stars.yourRating')}</legend>
      {error ? (
        <p id={`${name}-error`} className="field-error">
          <span className="visually-hidden">{t('fields.errorPrefix')}</span>
          {error}
        </p>
      ) : null}
      <div className="star-input-choices">
        {STARS.map((n) => (
          <label key={n} className={value !== null && n <= value ? 'star-choice star-choice-on' : 'star-choice'}>
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              className="visually-hidden"
            />
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">{t('stars.choice', { count: n })}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
