// The cart. Every answer is the whole cart.
import { api, send, type ResponseBody } from '../../api/client.ts';

export type Cart = ResponseBody<'/api/cart', 'get'>;
export type CartLine = Cart['lines'][number];

export const cartApi = {
  get: (signal?: AbortSignal): Promise<Cart> => send(api.GET('/api/cart', { signal })),
  add: (productId: string, quantity: number): Promise<Cart> =>
    send(api.POST('/api/cart/lines', { body: { productId, quantity } })),
  setQuantity: (productId: string, quantity: number): Promise<Cart> =>
    send(api.PUT('/api/cart/lines/{productId}', { params: { path: { productId } }, body: { quantity } })),
  remove: (productId: string): Promise<Cart> =>
    send(api.DELETE('/api/cart/lines/{productId}', { params: { path: { productId } } })),
};
