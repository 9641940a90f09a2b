// What both checkout forms need: the person's saved addresses and cards, the payment provider,
// and how the server's field errors map onto their fields.
import { walletApi, type Address, type PaymentProviderInfo, type SavedCard } from '../wallet/api.ts';

export const CHECKOUT_ERROR_FIELDS = {
  codeFields: { CARD_INVALID: 'number', CARD_EXPIRED: 'expMonth' },
  fieldMessages: {
    fullName: 'Enter the name of the person receiving the parcel.',
    line1: 'Enter the street address.',
    city: 'Enter the city.',
    postalCode: 'Use letters, digits, spaces and dashes only.',
    number: 'Enter the card number as printed on the card.',
    expMonth: 'Choose the expiry month.',
    expYear: 'Choose the expiry year.',
    cvc: 'Enter the 3 or 4 digit security code.',
  },
};

export type Wallet = { addresses: Address[]; cards: SavedCard[]; provider: PaymentProviderInfo };

/** Saved addresses and cards, and the payment provider (shown honestly when it is a test one). */
export async function loadWallet(signal: AbortSignal): Promise<Wallet> {
  const [addresses, cards, provider] = await Promise.all([
    walletApi.listAddresses(signal),
    walletApi.listCards(signal),
    walletApi.getPaymentProvider(signal),
  ]);
  return { addresses, cards, provider };
}
