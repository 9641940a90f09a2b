import { usePageTitle } from '../lib/use-page-title.ts';

export function CartPage() {
  usePageTitle('Cart');
  return (
    <>
      <h1>Cart</h1>
      <p>Your cart is empty.</p>
    </>
  );
}
