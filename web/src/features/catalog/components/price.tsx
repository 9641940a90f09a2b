import { useTranslation } from 'react-i18next';
import { Money } from '../../../components/money.tsx';
import type { Priced } from '../api.ts';
import { formatDate, formatDateTime, parseDate } from '../../../lib/format.ts';

/** "-25%", read out as "25% off". */
export function DiscountBadge({ percent }: { percent: number }) {
  const { t } = useTranslation('catalog');
  return (
    <span className="badge badge-offer">
      <span aria-hidden="true">-{percent}%</span>
      <span className="visually-hidden">{t('price.off', { percent })}</span>
    </span>
  );
}

type PriceBlockProps = {
  item: Priced;
  /** compact on product cards; large on the product page, with the offer's end time. */
  size: 'compact' | 'large';
};

/** The current price (or range, for variants priced apart) and, while an offer runs, the old price struck through, the discount and its end. */
export function PriceBlock({ item, size }: PriceBlockProps) {
  const { t } = useTranslation('catalog');
  const onOffer = item.originalPrice !== null;
  const endsAt = onOffer ? parseDate(item.offerEndsAt) : null;
  return (
    <div className={`price price-${size}`}>
      <p className="price-line">
        <span className="price-current">
          {onOffer ? <span className="visually-hidden">{t('price.now')}</span> : null}
          {item.priceMax ? (
            <>
              <span className="visually-hidden">{t('price.from')}</span>
              <Money money={item.price} />
              <span aria-hidden="true"> – </span>
              <span className="visually-hidden">{t('price.to')}</span>
              <Money money={item.priceMax} />
            </>
          ) : (
            <Money money={item.price} />
          )}
        </span>{' '}
        {item.originalPrice !== null ? (
          <del className="price-was">
            <span className="visually-hidden">{t('price.was')}</span>
            <Money money={item.originalPrice} />
          </del>
        ) : null}{' '}
        {onOffer && item.discountPercent !== null && item.discountPercent > 0 ? (
          <DiscountBadge percent={item.discountPercent} />
        ) : null}
      </p>
      {endsAt !== null ? (
        <p className="offer-ends">
          {size === 'large' ? t('price.offerEnds') : t('price.ends')}
          <time dateTime={endsAt.toISOString()}>{size === 'large' ? formatDateTime(endsAt) : formatDate(endsAt)}</time>
        </p>
      ) : null}
    </div>
  );
}
