// Saved addresses and cards, and the payment provider's description.
import { api, send, type RequestBody, type ResponseBody } from '../../api/client.ts';

export type Address = ResponseBody<'/api/addresses/{id}', 'patch'>;
/** What the address form sends; makeDefault true makes it the default address. */
export type AddressInput = RequestBody<'/api/addresses', 'post'>;
export type SavedCard = ResponseBody<'/api/payment-methods', 'post'>;
/** Sent once, to be tokenized by the payment provider; Souk keeps none of it but brand, last four and expiry. */
export type CardInput = RequestBody<'/api/payment-methods', 'post'>;
export type PaymentProviderInfo = ResponseBody<'/api/payments/provider', 'get'>;

export const walletApi = {
  listAddresses: async (signal?: AbortSignal): Promise<Address[]> =>
    (await send(api.GET('/api/addresses', { signal }))).addresses,
  createAddress: (input: AddressInput): Promise<Address> => send(api.POST('/api/addresses', { body: input })),
  updateAddress: (id: string, input: RequestBody<'/api/addresses/{id}', 'patch'>): Promise<Address> =>
    send(api.PATCH('/api/addresses/{id}', { params: { path: { id } }, body: input })),
  deleteAddress: async (id: string): Promise<void> => {
    await send(api.DELETE('/api/addresses/{id}', { params: { path: { id } } }));
  },

  listCards: async (signal?: AbortSignal): Promise<SavedCard[]> =>
    (await send(api.GET('/api/payment-methods', { signal }))).paymentMethods,
  addCard: (input: CardInput): Promise<SavedCard> => send(api.POST('/api/payment-methods', { body: input })),
  removeCard: async (id: string): Promise<void> => {
    await send(api.DELETE('/api/payment-methods/{id}', { params: { path: { id } } }));
  },

  getPaymentProvider: (signal?: AbortSignal): Promise<PaymentProviderInfo> =>
    send(api.GET('/api/payments/provider', { signal })),
};
