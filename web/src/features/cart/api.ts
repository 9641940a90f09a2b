// The cart and checkout endpoints. Every cart answer is the whole cart.
import { request } from '../../api/client.ts';
import type { Money } from '../catalog/api.ts';
import type { Address, CardInput } from '../wallet/api.ts';

export type CartProblem = 'unavailable' | 'out_of_stock' | 'insufficient_stock';

export type CartLine = {
  productId: string;
  title: string;
  imageUrl: string;
  store: { id: string; name: string };
  quantity: number;
  unitPrice: Money;
  listPrice: Money | null;
  lineTotal: Money;
  stock: number;
  problem: CartProblem | null;
};

export type Cart = { lines: CartLine[]; itemCount: number; subtotals: Money[] };

export type QuoteGroup = {
  store: { id: string; name: string };
  lines: Array<{ productId: string; title: string; imageUrl: string; quantity: number; unitPrice: Money; listPrice: Money | null; lineTotal: Money; problem: CartProblem | null }>;
  itemsTotal: Money;
  discount: Money;
  shipping: Money | null;
  delivery: { minDays: number; maxDays: number } | null;
  total: Money;
};

export type Quote = {
  country: string;
  groups: QuoteGroup[];
  total: Money | null;
  problems: Array<{ code: string; message: string; productId: string | null; storeId: string | null }>;
  canPlace: boolean;
};

/** A shipping address as the checkout sends it (the saved form lives in wallet-api.ts). */
export type AddressInput = Omit<Address, 'id' | 'isDefault'>;

export type CheckoutOrder = { id: string; number: string; status: string; store: { id: string; name: string }; total: Money };

export type CheckoutAnswer = {
  /** paymentPending: a payment is being confirmed with the provider (its answer was lost); paying again is refused meanwhile. */
  checkout: { id: string; status: 'awaiting_payment' | 'paid' | 'cancelled'; total: Money; paymentAttempts: number; paymentPending: boolean; payBefore: string | null };
  orders: CheckoutOrder[];
  payment: { status: 'succeeded' | 'declined' | 'retry' | 'pending'; error: { code: string; message: string } | null } | null;
};

export type PaymentChoice = { paymentMethodId: string } | { card: CardInput & { save: boolean } };

export const cartApi = {
  get: async (signal?: AbortSignal): Promise<Cart> => (await request('GET', '/api/cart', undefined, signal)) as Cart,
  add: async (productId: string, quantity: number): Promise<Cart> => (await request('POST', '/api/cart/lines', { productId, quantity })) as Cart,
  setQuantity: async (productId: string, quantity: number): Promise<Cart> =>
    (await request('PUT', `/api/cart/lines/${encodeURIComponent(productId)}`, { quantity })) as Cart,
  remove: async (productId: string): Promise<Cart> => (await request('DELETE', `/api/cart/lines/${encodeURIComponent(productId)}`)) as Cart,

  quote: async (where: { country: string } | { addressId: string }, signal?: AbortSignal): Promise<Quote> => {
    const query = 'addressId' in where ? `addressId=${encodeURIComponent(where.addressId)}` : `country=${encodeURIComponent(where.country)}`;
    return (await request('GET', `/api/checkout?${query}`, undefined, signal)) as Quote;
  },
  place: async (input: {
    idempotencyKey: string;
    address: { addressId: string } | { address: AddressInput & { save: boolean } };
    payment: PaymentChoice;
    expectedTotal: Money;
  }): Promise<CheckoutAnswer> =>
    (await request('POST', '/api/checkout', { idempotencyKey: input.idempotencyKey, expectedTotal: input.expectedTotal, ...input.address, ...input.payment })) as CheckoutAnswer,
  getCheckout: async (id: string, signal?: AbortSignal): Promise<CheckoutAnswer> =>
    (await request('GET', `/api/checkouts/${encodeURIComponent(id)}`, undefined, signal)) as CheckoutAnswer,
  pay: async (id: string, payment: PaymentChoice): Promise<CheckoutAnswer> =>
    (await request('POST', `/api/checkouts/${encodeURIComponent(id)}/pay`, payment)) as CheckoutAnswer,
};
