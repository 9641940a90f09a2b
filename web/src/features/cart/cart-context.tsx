// The cart as every page sees it: loaded once, reloaded when the person signs in or out (a
// guest cart merges into the account's), and replaced by each answer of a cart change.
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { cartApi, type Cart } from './api.ts';
import { useMe } from '../../lib/me-context.tsx';

type CartContextValue = {
  cart: Cart | null;
  /** Stores the cart a change returned. */
  setCart: (cart: Cart) => void;
  reload: () => Promise<void>;
};

const CartContext = createContext<CartContextValue | null>(null);

export function CartProvider({ children }: { children: ReactNode }) {
  const { state } = useMe();
  const [cart, setCart] = useState<Cart | null>(null);
  const userId = state.status === 'signed-in' ? state.me.id : state.status;

  const reload = useCallback(async () => {
    try {
      setCart(await cartApi.get());
    } catch {
      // The header shows no count; the cart page reports the error itself.
    }
  }, []);

  useEffect(() => {
    if (userId === 'loading') return;
    void reload();
  }, [userId, reload]);

  const value = useMemo(() => ({ cart, setCart, reload }), [cart, reload]);
  return <CartContext value={value}>{children}</CartContext>;
}

export function useCart(): CartContextValue {
  const value = use(CartContext);
  if (value === null) throw new Error('useCart must be used inside <CartProvider>');
  return value;
}
