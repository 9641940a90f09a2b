// Checkout: the quote per seller, placing the orders, and paying for them.
import { api, send, type RequestBody, type ResponseBody } from '../../api/client.ts';
import type { Address, CardInput } from '../wallet/api.ts';

export type Quote = ResponseBody<'/api/checkout', 'get'>;
export type CheckoutAnswer = ResponseBody<'/api/checkouts/{id}', 'get'>;

/** A shipping address as the checkout sends it (the saved form lives in wallet/api.ts). */
export type AddressInput = Omit<Address, 'id' | 'isDefault'>;
export type PaymentChoice = { paymentMethodId: string } | { card: CardInput & { save: boolean } };

type PlaceBody = RequestBody<'/api/checkout', 'post'>;

export const checkoutApi = {
  quote: (where: { country: string } | { addressId: string }, signal?: AbortSignal): Promise<Quote> =>
    send(
      api.GET('/api/checkout', {
        params: { query: 'addressId' in where ? { addressId: where.addressId } : { country: where.country } },
        signal,
      }),
    ),
  place: (input: {
    idempotencyKey: string;
    address: { addressId: string } | { address: AddressInput & { save: boolean } };
    payment: PaymentChoice;
    expectedTotal: PlaceBody['expectedTotal'];
    /** The currency prices were shown in and the rate set that converted them, when they were. */
    display?: PlaceBody['display'];
  }): Promise<CheckoutAnswer> =>
    send(
      api.POST('/api/checkout', {
        body: {
          idempotencyKey: input.idempotencyKey,
          expectedTotal: input.expectedTotal,
          ...(input.display ? { display: input.display } : {}),
          ...input.address,
          ...input.payment,
        },
      }),
    ),
  getCheckout: (id: string, signal?: AbortSignal): Promise<CheckoutAnswer> =>
    send(api.GET('/api/checkouts/{id}', { params: { path: { id } }, signal })),
  pay: (id: string, payment: PaymentChoice): Promise<CheckoutAnswer> =>
    send(api.POST('/api/checkouts/{id}/pay', { params: { path: { id } }, body: payment })),
};
