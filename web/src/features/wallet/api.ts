// Saved addresses and cards, and the payment provider's description. Shapes follow the addresses
// and payments modules' response schemas.
import { request } from '../../api/client.ts';

export type Address = {
  id: string;
  fullName: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
  phone: string | null;
  isDefault: boolean;
};

/** What the address form sends; makeDefault true makes it the default address. */
export type AddressInput = Omit<Address, 'id' | 'isDefault'> & { makeDefault?: boolean };

export type SavedCard = { id: string; brand: string; last4: string; expMonth: number; expYear: number; createdAt: string };

/** Sent once, to be tokenized by the payment provider; Souk keeps none of it but brand, last four and expiry. */
export type CardInput = { number: string; expMonth: number; expYear: number; cvc: string };

export type TestCard = { number: string; brand: string; outcome: 'succeeds' | 'declined' | 'retry' | 'lost'; description: string };

export type PaymentProviderInfo = { id: string; label: string; isTest: boolean; testCards: TestCard[] };

export const walletApi = {
  listAddresses: async (signal?: AbortSignal): Promise<Address[]> =>
    ((await request('GET', '/api/addresses', undefined, signal)) as { addresses: Address[] }).addresses,
  createAddress: async (input: AddressInput): Promise<Address> => (await request('POST', '/api/addresses', input)) as Address,
  updateAddress: async (id: string, input: Partial<AddressInput>): Promise<Address> =>
    (await request('PATCH', `/api/addresses/${encodeURIComponent(id)}`, input)) as Address,
  deleteAddress: async (id: string): Promise<void> => {
    await request('DELETE', `/api/addresses/${encodeURIComponent(id)}`);
  },

  listCards: async (signal?: AbortSignal): Promise<SavedCard[]> =>
    ((await request('GET', '/api/payment-methods', undefined, signal)) as { paymentMethods: SavedCard[] }).paymentMethods,
  addCard: async (input: CardInput): Promise<SavedCard> => (await request('POST', '/api/payment-methods', input)) as SavedCard,
  removeCard: async (id: string): Promise<void> => {
    await request('DELETE', `/api/payment-methods/${encodeURIComponent(id)}`);
  },

  getPaymentProvider: async (signal?: AbortSignal): Promise<PaymentProviderInfo> =>
    (await request('GET', '/api/payments/provider', undefined, signal)) as PaymentProviderInfo,
};
