// Paying with a saved card or a new one, on the checkout and payment pages.
import type { useRequest } from '../../../lib/use-request.ts';
import { useTranslation } from 'react-i18next';
import { describeCard } from '../../wallet/wallet-format.ts';
import type { SavedCard } from '../../wallet/api.ts';
import type { PaymentChoice } from '../api.ts';
import { CardFields, readCard } from './checkout-fields.tsx';

export function PaymentChoiceFields({
  cards,
  choice,
  onChoice,
  error,
}: {
  cards: SavedCard[];
  choice: string;
  onChoice: (id: string) => void;
  error: ReturnType<typeof useRequest>['error'];
}) {
  const { t } = useTranslation('checkout');
  return (
    <fieldset className="choice-list">
      <legend>{t('payment.payWith')}</legend>
      {cards.map((card) => (
        <label key={card.id} className="choice">
          <input
            type="radio"
            name="cardChoice"
            value={card.id}
            checked={choice === card.id}
            onChange={() => onChoice(card.id)}
          />
          {describeCard(card)}
        </label>
      ))}
      <label className="choice">
        <input type="radio" name="cardChoice" value="new" checked={choice === 'new'} onChange={() => onChoice('new')} />
        {t('payment.newCard')}
      </label>
      {choice === 'new' ? <CardFields error={error} /> : null}
    </fieldset>
  );
}

export function paymentFrom(data: FormData, choice: string): PaymentChoice {
  return choice === 'new'
    ? { card: { ...readCard(data), save: data.get('saveCard') === 'on' } }
    : { paymentMethodId: choice };
}
