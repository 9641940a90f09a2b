// Order and parcel statuses in the words people read (the orders catalogue); colour only ever repeats these.
import type { TFunction } from 'i18next';
import type { OrderStatus, ShipmentStatus } from './api.ts';

type T = TFunction<'orders'>;

export function orderStatusLabel(t: T, status: OrderStatus): string {
  switch (status) {
    case 'awaiting_payment':
      return t('orders:status.awaiting_payment');
    case 'paid':
      return t('orders:status.paid');
    case 'shipped':
      return t('orders:status.shipped');
    case 'delivered':
      return t('orders:status.delivered');
    case 'cancelled':
      return t('orders:status.cancelled');
  }
}

export function shipmentStatusLabel(t: T, status: ShipmentStatus): string {
  switch (status) {
    case 'shipped':
      return t('orders:parcelStatus.shipped');
    case 'in_transit':
      return t('orders:parcelStatus.in_transit');
    case 'out_for_delivery':
      return t('orders:parcelStatus.out_for_delivery');
    case 'delivered':
      return t('orders:parcelStatus.delivered');
  }
}

export const SHIPMENT_PROGRESS: readonly ShipmentStatus[] = ['shipped', 'in_transit', 'out_for_delivery', 'delivered'];

/** The scans that may still follow `current` (statuses only move forward). */
export function nextShipmentStatuses(current: ShipmentStatus): Exclude<ShipmentStatus, 'shipped'>[] {
  const at = SHIPMENT_PROGRESS.indexOf(current);
  return SHIPMENT_PROGRESS.filter(
    (status, n): status is Exclude<ShipmentStatus, 'shipped'> => n > at && status !== 'shipped',
  );
}

/** Who cancelled an order, as "This order was cancelled …" ends. */
export function cancelledByLabel(t: T, by: 'buyer' | 'seller' | 'system'): string {
  switch (by) {
    case 'buyer':
      return t('orders:cancelledBy.buyer');
    case 'seller':
      return t('orders:cancelledBy.seller');
    case 'system':
      return t('orders:cancelledBy.system');
  }
}

/** A calendar date (YYYY-MM-DD) as a local date, so it does not shift a day west of UTC. */
export function parseCalendarDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}
