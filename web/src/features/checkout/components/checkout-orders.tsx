import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '../../../lib/format.ts';
import type { CheckoutAnswer } from '../api.ts';

/** The orders a checkout made, one per seller. */
export function CheckoutOrders({ answer }: { answer: CheckoutAnswer }) {
  const { t } = useTranslation('checkout');
  return (
    <ul className="card-list">
      {answer.orders.map((order) => (
        <li key={order.id} className="card">
          <p className="card-title">
            <Link to={`/account/orders/${order.id}`}>{t('orders.order', { number: order.number })}</Link>
          </p>
          <p>
            {t('orders.soldBy', { store: order.store.name })} · {formatMoney(order.total)}
          </p>
        </li>
      ))}
    </ul>
  );
}
