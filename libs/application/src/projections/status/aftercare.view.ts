import type { AftercareEvent, Instant, RefundMethod, ReturnMethod, ReturnStage, Voucher } from '@ot/domain';
import type { StatusView, TimelineEntry } from './status.view';

/** What GET /orders/:id shows of compensation, a return and pickup-point storage. */
export type AftercareView = {
  compensation?: { voucher: Voucher; daysLate: number; source: 'policy' | 'ops'; grantedAt: Instant };
  return?: {
    requestId: string;
    stage: ReturnStage;
    reason: string;
    method: ReturnMethod;
    requestedAt: Instant;
    refusal?: string;
    refund?: { amount: number; currency: string; method: RefundMethod };
  };
  storage?: { extendedUntil?: Instant; expiredAt?: Instant; refundStarted?: boolean };
};

/** Each aftercare event as a timeline entry (and the status change of an expired storage). */
export function evolveAftercareView(doc: StatusView, event: AftercareEvent): StatusView {
  const entry: TimelineEntry = { type: event.type, occurredAt: event.data.occurredAt, late: false };
  const next: StatusView = { ...doc, timeline: [...doc.timeline, entry].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt)) };
  const aftercare = doc.aftercare ?? {};
  const ret = aftercare.return;
  switch (event.type) {
    case 'CompensationGranted': {
      const { voucher, daysLate, source, occurredAt } = event.data;
      return { ...next, aftercare: { ...aftercare, compensation: { voucher, daysLate, source, grantedAt: occurredAt } } };
    }
    case 'StorageExtended':
      return { ...next, pickupPoint: event.data.pickupPoint, aftercare: { ...aftercare, storage: { extendedUntil: event.data.pickupPoint.storageDeadline } } };
    case 'StorageExpired':
      entry.reason = 'storage-expired';
      return {
        ...next,
        status: 'ReturnedToSender',
        statusAt: event.data.occurredAt,
        aftercare: { ...aftercare, storage: { ...aftercare.storage, expiredAt: event.data.occurredAt } },
      };
    case 'RefundStarted':
      return { ...next, aftercare: { ...aftercare, storage: { ...aftercare.storage, refundStarted: true } } };
    case 'ReturnRequested': {
      const { requestId, reason, method, occurredAt } = event.data;
      entry.reason = reason;
      return { ...next, aftercare: { ...aftercare, return: { requestId, stage: 'requested', reason, method, requestedAt: occurredAt } } };
    }
    case 'ReturnRejected':
      entry.reason = event.data.rule;
      return ret ? { ...next, aftercare: { ...aftercare, return: { ...ret, stage: 'rejected', refusal: event.data.rule } } } : next;
    case 'RefundIssued': {
      const { amount, currency, method } = event.data;
      return ret ? { ...next, aftercare: { ...aftercare, return: { ...ret, stage: 'refunded', refund: { amount, currency, method } } } } : next;
    }
    case 'ReturnApproved':
      return ret ? { ...next, aftercare: { ...aftercare, return: { ...ret, stage: 'approved' } } } : next;
    case 'ReturnHandedOver':
      return ret ? { ...next, aftercare: { ...aftercare, return: { ...ret, stage: 'handed-over' } } } : next;
    case 'ReturnReceived':
      return ret ? { ...next, aftercare: { ...aftercare, return: { ...ret, stage: 'received' } } } : next;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
