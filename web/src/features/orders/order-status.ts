// Order and parcel statuses in the words people read; colour only ever repeats these.
import type { OrderStatus, ShipmentStatus } from './api.ts';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  awaiting_payment: 'Awaiting payment',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatus, string> = {
  shipped: 'Shipped',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
};

export const SHIPMENT_PROGRESS: readonly ShipmentStatus[] = ['shipped', 'in_transit', 'out_for_delivery', 'delivered'];

/** The scans that may still follow `current` (statuses only move forward). */
export function nextShipmentStatuses(current: ShipmentStatus): Exclude<ShipmentStatus, 'shipped'>[] {
  const at = SHIPMENT_PROGRESS.indexOf(current);
  return SHIPMENT_PROGRESS.filter(
    (status, n): status is Exclude<ShipmentStatus, 'shipped'> => n > at && status !== 'shipped',
  );
}

export const CANCELLED_BY_LABELS = {
  buyer: 'by you',
  seller: 'by the seller',
  system: 'because it was not paid in time',
} as const;

/** A calendar date (YYYY-MM-DD) as a local date, so it does not shift a day west of UTC. */
export function parseCalendarDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}
