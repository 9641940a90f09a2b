// An amount as the shopper reads it (issue 20, decision 058): in their display currency when the
// seller prices in another, marked as converted ("≈"), with the seller's own amount beside it; or,
// where the amount is what will be charged (cart, checkout), the charged amount first and the
// converted one beside it.
import { useTranslation } from 'react-i18next';
import type { Money as MoneyValue } from '../api/client.ts';
import { useCurrency } from '../lib/currency-context.tsx';
import { formatMoney } from '../lib/format.ts';

export function Money({ money, charged = false }: { money: MoneyValue; charged?: boolean }) {
  const { t } = useTranslation();
  const { convert } = useCurrency();
  const converted = convert(money);
  if (converted === null) return <>{formatMoney(money)}</>;
  if (charged)
    return (
      <>
        {formatMoney(money)}{' '}
        <span className="money-converted">
          (<span aria-hidden="true">≈ </span>
          <span className="visually-hidden">{t('money.about')}</span>
          {formatMoney(converted)})
        </span>
      </>
    );
  return (
    <>
      <span aria-hidden="true">≈ </span>
      <span className="visually-hidden">{t('money.about')}</span>
      {formatMoney(converted)}{' '}
      <span className="money-converted">
        (<span className="visually-hidden">{t('money.convertedFrom')}</span>
        {formatMoney(money)})
      </span>
    </>
  );
}
