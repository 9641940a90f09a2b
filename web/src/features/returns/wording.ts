// Return reasons, statuses and timeline entries in the reader's language (the returns catalogue).
import type { TFunction } from 'i18next';
import type { ReturnEventKind, ReturnReason, ReturnStatus } from './api.ts';

type T = TFunction<'returns'>;

export function reasonLabel(t: T, reason: ReturnReason): string {
  switch (reason) {
    case 'not_as_described':
      return t('returns:reasons.not_as_described');
    case 'damaged':
      return t('returns:reasons.damaged');
    case 'wrong_item':
      return t('returns:reasons.wrong_item');
    case 'changed_mind':
      return t('returns:reasons.changed_mind');
    case 'other':
      return t('returns:reasons.other');
  }
}

export function statusLabel(t: T, status: ReturnStatus): string {
  switch (status) {
    case 'requested':
      return t('returns:status.requested');
    case 'awaiting_return':
      return t('returns:status.awaiting_return');
    case 'partial_offered':
      return t('returns:status.partial_offered');
    case 'refused':
      return t('returns:status.refused');
    case 'escalated':
      return t('returns:status.escalated');
    case 'refunding':
      return t('returns:status.refunding');
    case 'refunded':
      return t('returns:status.refunded');
    case 'closed':
      return t('returns:status.closed');
  }
}

/** A timeline entry's wording; a kind added later reads as its own name until it gets one. */
export function eventLabel(t: T, kind: ReturnEventKind): string {
  switch (kind) {
    case 'requested':
      return t('returns:events.requested');
    case 'accepted_refund':
      return t('returns:events.accepted_refund');
    case 'accepted_return':
      return t('returns:events.accepted_return');
    case 'return_received':
      return t('returns:events.return_received');
    case 'partial_offered':
      return t('returns:events.partial_offered');
    case 'offer_accepted':
      return t('returns:events.offer_accepted');
    case 'refused':
      return t('returns:events.refused');
    case 'escalated':
      return t('returns:events.escalated');
    case 'auto_escalated':
      return t('returns:events.auto_escalated');
    case 'refund_failed':
      return t('returns:events.refund_failed');
    case 'refunded':
      return t('returns:events.refunded');
    case 'withdrawn':
      return t('returns:events.withdrawn');
    case 'dispute_decided':
      return t('returns:events.dispute_decided');
    default: {
      const label = String(kind).replaceAll('_', ' ');
      return label.charAt(0).toUpperCase() + label.slice(1);
    }
  }
}
