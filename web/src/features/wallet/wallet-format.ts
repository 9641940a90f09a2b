// How saved cards and addresses read on screen, in the reader's language (the wallet catalogue;
// plain functions, as checkout calls them too).
import i18next from 'i18next';
import type { Address, SavedCard } from './api.ts';
import { countryName } from '../../lib/countries.ts';

const BRANDS: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express' };

/** "Visa", "American Express"; "Card" for a brand Souk does not name. */
export function brandName(brand: string): string {
  return BRANDS[brand] ?? i18next.t('wallet:card.generic');
}

/** "04/2030". */
export function formatExpiry(card: Pick<SavedCard, 'expMonth' | 'expYear'>): string {
  return `${String(card.expMonth).padStart(2, '0')}/${card.expYear}`;
}

/** "Visa •••• 4242, expires 04/2030". */
export function describeCard(card: SavedCard): string {
  return i18next.t('wallet:card.describe', {
    brand: brandName(card.brand),
    last4: card.last4,
    expiry: formatExpiry(card),
  });
}

/** "Visa ending in 4242": for button names, which screen readers read aloud. */
export function nameCard(card: Pick<SavedCard, 'brand' | 'last4'>): string {
  return i18next.t('wallet:card.name', { brand: brandName(card.brand), last4: card.last4 });
}

/** True when the card's expiry month is over. */
export function isExpired(card: Pick<SavedCard, 'expMonth' | 'expYear'>, now = new Date()): boolean {
  return card.expYear < now.getFullYear() || (card.expYear === now.getFullYear() && card.expMonth < now.getMonth() + 1);
}

/** "4242 4242 4242 4242" (Amex: "3782 822463 10005"). */
export function groupCardNumber(digits: string): string {
  if (/^3[47]/.test(digits))
    return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].filter(Boolean).join(' ');
  return digits.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The lines of an address as printed on an envelope. */
export function addressLines(address: Address): string[] {
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [
    address.fullName,
    address.line1,
    address.line2,
    address.region ? `${cityLine}, ${address.region}` : cityLine,
    countryName(address.country),
  ].filter((line): line is string => typeof line === 'string' && line !== '');
}
