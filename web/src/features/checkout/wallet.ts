// What both checkout forms need: the person's saved addresses and cards, the payment provider,
// and how the server's field errors map onto their fields.
import i18next from 'i18next';
import type { ErrorWording } from '../../lib/form-error.ts';
import { walletApi, type Address, type PaymentProviderInfo, type SavedCard } from '../wallet/api.ts';

/** Worded in the reader's language when a form renders. */
export function checkoutErrorFields(): ErrorWording {
  return {
    codeFields: { CARD_INVALID: 'number', CARD_EXPIRED: 'expMonth' },
    fieldMessages: {
      fullName: i18next.t('checkout:fieldErrors.fullName'),
      line1: i18next.t('checkout:fieldErrors.line1'),
      city: i18next.t('checkout:fieldErrors.city'),
      postalCode: i18next.t('checkout:fieldErrors.postalCode'),
      number: i18next.t('checkout:fieldErrors.number'),
      expMonth: i18next.t('checkout:fieldErrors.expMonth'),
      expYear: i18next.t('checkout:fieldErrors.expYear'),
      cvc: i18next.t('checkout:fieldErrors.cvc'),
    },
  };
}

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
