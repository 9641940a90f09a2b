// The cart. Every answer is the whole cart.
import { api, send, type ResponseBody } from '../../api/client.ts';

export type Cart = ResponseBody<'/api/cart', 'get'>;
export type CartLine = Cart['lines'][number];

const lineQuery = (country?: string, variantId?: string | null) => ({
  ...(country ? { country } : {}),
  ...(variantId ? { variantId } : {}),
});

/** With a country (the header's "Ship to"), lines whose product does not ship there come back flagged. */
export const cartApi = {
  get: (signal?: AbortSignal, country?: string): Promise<Cart> =>
    send(api.GET('/api/cart', { params: { query: country ? { country } : {} }, signal })),
  /** A product with options needs its variant (variantId). */
  add: (productId: string, quantity: number, variantId?: string | null): Promise<Cart> =>
    send(api.POST('/api/cart/lines', { body: { productId, quantity, ...(variantId ? { variantId } : {}) } })),
  setQuantity: (productId: string, quantity: number, country?: string, variantId?: string | null): Promise<Cart> =>
    send(
      api.PUT('/api/cart/lines/{productId}', {
        params: { path: { productId }, query: lineQuery(country, variantId) },
        body: { quantity },
      }),
    ),
  remove: (productId: string, country?: string, variantId?: string | null): Promise<Cart> =>
    send(
      api.DELETE('/api/cart/lines/{productId}', {
        params: { path: { productId }, query: lineQuery(country, variantId) },
      }),
    ),
};
