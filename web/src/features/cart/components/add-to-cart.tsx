import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { cartApi } from '../api.ts';
import { useCart } from '../cart-context.tsx';
import { useRequest } from '../../../lib/use-request.ts';
import { ErrorAlert, StatusMessage } from '../../../components/alerts.tsx';
import '../styles.css';

/** Quantity and "Add to cart" on a product page. No account needed. */
export function AddToCart({ productId, stock }: { productId: string; stock: number }) {
  const { setCart } = useCart();
  const { pending, error, run } = useRequest();
  const [added, setAdded] = useState<number | null>(null);
  if (stock <= 0) return null;
  const max = Math.min(stock, 20);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const quantity = Number(new FormData(event.currentTarget).get('quantity'));
    setAdded(null);
    const outcome = await run(() => cartApi.add(productId, quantity));
    if (outcome.ok) {
      setCart(outcome.value);
      setAdded(quantity);
    }
  }

  return (
    <div className="add-to-cart">
      <form className="add-to-cart-form" onSubmit={onSubmit}>
        <div className="field field-inline">
          <label htmlFor="add-quantity">Quantity</label>
          <select id="add-quantity" name="quantity" defaultValue="1">
            {Array.from({ length: max }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={pending}>
          Add to cart
        </button>
      </form>
      <ErrorAlert error={error} />
      {added !== null ? (
        <StatusMessage>
          {added === 1 ? 'Added to your cart.' : `Added ${added} to your cart.`} <Link to="/cart">View cart</Link>
        </StatusMessage>
      ) : null}
    </div>
  );
}
