import { DomainError } from '../shared/domain-error';
import type { Cmd, Ev, Instant } from '../shared/event';
import type { PickupPoint } from './order.events';
import { refused } from './refusal';
import type { ExistingOrder } from './order.state';

const DAY_MS = 86_400_000;

/** The customer asked for more time at the pickup point: the point's record with its new deadline. */
export type StorageExtended = Ev<
  'StorageExtended',
  { orderId: string; requestId: string; pickupPoint: PickupPoint; previousDeadline: Instant; occurredAt: Instant }
>;
/** The deadline passed with the parcel uncollected: it goes back to the sender (status ReturnedToSender). */
export type StorageExpired = Ev<'StorageExpired', { orderId: string; pointId: string; storageDeadline: Instant; occurredAt: Instant }>;
/** Money goes back without a return to wait for (the parcel never reached the customer). */
export type RefundStarted = Ev<'RefundStarted', { orderId: string; cause: 'storage-expired'; occurredAt: Instant }>;
export type StorageEvent = StorageExtended | StorageExpired | RefundStarted;

export type ExtendStorage = Cmd<'ExtendStorage', { orderId: string; requestId: string; days: number; occurredAt: Instant }>;
/** Sent by the clock-driven reactor when it believes the deadline has passed; `occurredAt` is the deadline itself. */
export type ExpireStorage = Cmd<'ExpireStorage', { orderId: string; checkedAt: Instant }>;
export type StorageCommand = ExtendStorage | ExpireStorage;

/** The pickup point the parcel waits at, with its deadline as extended, while it waits there. */
export function waitingAt(order: ExistingOrder): PickupPoint | undefined {
  if (order.status !== 'ArrivedAtPickupPoint') return undefined;
  return extensionOf(order)?.pickupPoint ?? lastArrival(order);
}

/** The extension of the current arrival: one belongs to the arrival it extended, so a later arrival elsewhere starts afresh. */
function extensionOf(order: ExistingOrder): StorageExtended['data'] | undefined {
  const extended = order.aftercare?.storage;
  return extended && lastArrival(order)?.storageDeadline === extended.previousDeadline ? extended : undefined;
}

export function decideStorage(command: StorageCommand, order: ExistingOrder): StorageEvent[] {
  const point = waitingAt(order);
  switch (command.type) {
    case 'ExtendStorage': {
      const { orderId, requestId, days, occurredAt } = command.data;
      const done = extensionOf(order)?.requestId;
      if (done === requestId) return []; // the customer's retry
      if (!point) throw refused(orderId, 'the parcel is not waiting at a pickup point');
      if (done) throw refused(orderId, 'the storage was already extended once');
      if (Date.parse(occurredAt) >= Date.parse(point.storageDeadline)) throw refused(orderId, 'the storage deadline has passed');
      const storageDeadline = new Date(Date.parse(point.storageDeadline) + days * DAY_MS).toISOString();
      return [
        {
          type: 'StorageExtended',
          data: { orderId, requestId, pickupPoint: { ...point, storageDeadline }, previousDeadline: point.storageDeadline, occurredAt },
        },
      ];
    }
    case 'ExpireStorage': {
      const { orderId, checkedAt } = command.data;
      if (!point || Date.parse(checkedAt) < Date.parse(point.storageDeadline)) return [];
      const at = point.storageDeadline;
      return [
        { type: 'StorageExpired', data: { orderId, pointId: point.pointId, storageDeadline: at, occurredAt: at } },
        { type: 'RefundStarted', data: { orderId, cause: 'storage-expired', occurredAt: at } },
      ];
    }
    default: {
      const unknown: never = command;
      throw new DomainError('INVALID_EVENT', `unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function lastArrival(order: ExistingOrder): PickupPoint | undefined {
  let point: PickupPoint | undefined;
  for (const e of order.seen.values()) if (e.type === 'ArrivedAtPickupPoint') point = e.data.pickupPoint;
  return point;
}
