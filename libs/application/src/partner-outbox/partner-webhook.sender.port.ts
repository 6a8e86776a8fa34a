import type { OutboundDelivery } from './partner-outbox.store.port';

/** Why a delivery failed: `permanent` (the partner refused the request itself) is dead-lettered at once. */
export class PartnerDeliveryFailed extends Error {
  constructor(
    message: string,
    readonly permanent = false,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PartnerDeliveryFailed';
  }
}

/** Posts one delivery to its partner, signed; resolves on a 2xx, throws PartnerDeliveryFailed otherwise. */
export interface PartnerWebhookSender {
  send(delivery: OutboundDelivery): Promise<void>;
}
