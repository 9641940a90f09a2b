// Texts the server sends in English, worded here in the reader's language by their stable key:
// the erasure registry's `about` per table (what /privacy/data lists), the blockers of a deletion
// by code, why people leave and why staff hold a deletion by value. English is the server's own
// text (test/i18n-server-wording.test.ts holds the two equal and every key worded in every
// language); a key this app does not know yet (a newer server) shows the server's text.
import type { TFunction } from 'i18next';
import i18next from 'i18next';
import type { DeletionPreview } from './api.ts';

type Blocker = DeletionPreview['blockers'][number];
type T = TFunction<'deletion'>;

/** A blocker's sentence and what to do about it, in the reader's language. */
export function blockerWording(t: T, blocker: Blocker): { label: string; howToClear: string } {
  const values = {
    number: blocker.params.number,
    reference: blocker.params.reference,
    subject: blocker.params.subject,
  };
  switch (blocker.code) {
    case 'order_paid':
      return {
        label: t('deletion:blockers.order_paid.label', values),
        howToClear: t('deletion:blockers.order_paid.howToClear'),
      };
    case 'order_awaiting_payment':
      return {
        label: t('deletion:blockers.order_awaiting_payment.label', values),
        howToClear: t('deletion:blockers.order_awaiting_payment.howToClear'),
      };
    case 'return_escalated':
      return {
        label: t('deletion:blockers.return_escalated.label', values),
        howToClear: t('deletion:blockers.return_escalated.howToClear'),
      };
    case 'return_buyer':
      return {
        label: t('deletion:blockers.return_buyer.label', values),
        howToClear: t('deletion:blockers.return_buyer.howToClear'),
      };
    case 'return_seller':
      return {
        label: t('deletion:blockers.return_seller.label', values),
        howToClear: t('deletion:blockers.return_seller.howToClear'),
      };
    case 'ticket_order':
      return {
        label: t('deletion:blockers.ticket_order.label', values),
        howToClear: t('deletion:blockers.ticket_order.howToClear'),
      };
    case 'ticket_seller':
      return {
        label: t('deletion:blockers.ticket_seller.label', values),
        howToClear: t('deletion:blockers.ticket_seller.howToClear'),
      };
    case 'store_order_paid':
      return {
        label: t('deletion:blockers.store_order_paid.label', values),
        howToClear: t('deletion:blockers.store_order_paid.howToClear'),
      };
    case 'store_order_awaiting_payment':
      return {
        label: t('deletion:blockers.store_order_awaiting_payment.label', values),
        howToClear: t('deletion:blockers.store_order_awaiting_payment.howToClear'),
      };
    default:
      return { label: blocker.label, howToClear: blocker.howToClear };
  }
}

/** Why someone leaves (a leaving reason's value, or "none"), else the server's label. */
export function leavingReasonWording(t: T, value: string, fallback: string): string {
  switch (value) {
    case 'too_much_money':
      return t('deletion:leavingReasons.too_much_money');
    case 'data_worries':
      return t('deletion:leavingReasons.data_worries');
    case 'bad_seller_experience':
      return t('deletion:leavingReasons.bad_seller_experience');
    case 'bad_support_experience':
      return t('deletion:leavingReasons.bad_support_experience');
    case 'other_account':
      return t('deletion:leavingReasons.other_account');
    case 'other':
      return t('deletion:leavingReasons.other');
    case 'none':
      return t('deletion:leavingReasons.none');
    default:
      return fallback;
  }
}

/** Why staff hold a deletion, as the request card's menu says it (short) or as the server explains it (long). */
export function holdReasonWording(t: T, value: string, length: 'short' | 'long', fallback: string): string {
  switch (value) {
    case 'open_chargeback':
      return length === 'short'
        ? t('deletion:holdReasons.open_chargeback.short')
        : t('deletion:holdReasons.open_chargeback.long');
    case 'legal_request':
      return length === 'short'
        ? t('deletion:holdReasons.legal_request.short')
        : t('deletion:holdReasons.legal_request.long');
    case 'fraud_investigation':
      return length === 'short'
        ? t('deletion:holdReasons.fraud_investigation.short')
        : t('deletion:holdReasons.fraud_investigation.long');
    default:
      return fallback;
  }
}

/**
 * What a table of the erasure registry holds and how long it is kept, in the reader's language;
 * the server's `about` for a table this app has no wording for. One key per table (46 of them):
 * looked up by name, and test/i18n-server-wording.test.ts checks every table is worded.
 */
export function tableWording(
  table: string,
  about: { data: string; keptFor: string },
): { data: string; keptFor: string } {
  const key = (part: 'data' | 'keptFor') => `deletion:registry.${table}.${part}`;
  return {
    data: i18next.exists(key('data')) ? i18next.t(key('data')) : about.data,
    keptFor: i18next.exists(key('keptFor')) ? i18next.t(key('keptFor')) : about.keptFor,
  };
}
