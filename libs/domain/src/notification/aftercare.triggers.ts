import type { AftercareEvent } from '../order/aftercare';
import type { NotificationTrigger } from './notification.triggers';
import type { NotificationFacts, NotificationKind } from './notification.types';

/**
 * The message each aftercare event sends. A return request is answered in the same instant by its
 * approval or rejection, which says the request was received: one message, not two. RefundStarted
 * rides in the storage-expired message recorded with it.
 */
export function aftercareTriggerOf(event: AftercareEvent): NotificationTrigger | null {
  const base = { orderId: event.data.orderId };
  const say = (kind: NotificationKind, facts: Omit<NotificationFacts, 'orderId'> = {}): NotificationTrigger => ({
    kind,
    urgent: false,
    facts: { ...base, ...facts },
  });
  switch (event.type) {
    case 'CompensationGranted':
      return say('compensation-granted', { voucher: event.data.voucher });
    case 'StorageExtended': {
      const { address, storageDeadline } = event.data.pickupPoint;
      return say('storage-extended', { pickupPoint: { address, storageDeadline } });
    }
    case 'StorageExpired':
      return say('storage-expired');
    case 'ReturnApproved':
      return say('return-approved');
    case 'ReturnRejected':
      return say('return-rejected', { reason: event.data.rule });
    case 'ReturnHandedOver':
      return say('return-handed-over');
    case 'ReturnReceived':
      return say('return-received');
    case 'RefundIssued':
      return say('refund-issued', { refund: { amount: event.data.amount, currency: event.data.currency, method: event.data.method } });
    case 'ReturnRequested':
    case 'RefundStarted':
      return null;
    default: {
      const unknown: never = event;
      throw new Error(`no notification rule for ${(unknown as AftercareEvent).type}`);
    }
  }
}
