import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cartApi } from '../api.ts';
import { useCart } from '../cart-context.tsx';
import { useRequest } from '../../../lib/use-request.ts';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import '../styles.css';

/**
 * Quantity and "Add to cart" on a product page. No account needed. When the product does not ship
 * to the header's country (`notShippedTo`, its name), the button is disabled and says why: the
 * reason is the button's description, so a screen reader reads it with the button.
 */
export function AddToCart({
  productId,
  stock,
  notShippedTo = null,
  variantId = null,
  choose = null,
}: {
  productId: string;
  stock: number;
  notShippedTo?: string | null;
  /** The variant chosen, for a product with options. */
  variantId?: string | null;
  /** What is still to choose ("Choose a size"), while the choice of options is not complete. */
  choose?: string | null;
}) {
  const { t } = useTranslation('cart');
  const { setCart } = useCart();
  const { pending, error, run } = useRequest();
  const [added, setAdded] = useState<number | null>(null);
  if (stock <= 0 && choose === null) return null;
  const max = Math.max(1, Math.min(stock, 20));
  const reason = choose ?? (notShippedTo !== null ? t('add.notShipped', { country: notShippedTo }) : null);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason !== null) return;
    const quantity = Number(new FormData(event.currentTarget).get('quantity'));
    setAdded(null);
    const outcome = await run(() => cartApi.add(productId, quantity, variantId));
    if (outcome.ok) {
      setCart(outcome.value);
      setAdded(quantity);
    }
  }

  return (
    <div className="add-to-cart">
      <form className="add-to-cart-form" onSubmit={onSubmit}>
        <div className="field field-inline">
          <label htmlFor="add-quantity">{t('line.quantity')}</label>
          <select id="add-quantity" name="quantity" defaultValue="1">
            {Array.from({ length: max }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button"
          // aria-disabled rather than disabled: the button stays in the tab order, so a keyboard or
          // screen reader user reaches it and hears why it does nothing.
          disabled={pending}
          aria-disabled={reason !== null ? true : undefined}
          aria-describedby={reason !== null ? 'add-to-cart-reason' : undefined}
        >
          {t('add.button')}
        </button>
        {reason !== null ? (
          <p id="add-to-cart-reason" className="add-to-cart-reason">
            {reason}
          </p>
        ) : null}
      </form>
      <ErrorAlert error={error} />
      {added !== null ? (
        <StatusMessage>
          {t('add.added', { count: added })} <Link to="/cart">{t('add.viewCart')}</Link>
        </StatusMessage>
      ) : null}
    </div>
  );
}
