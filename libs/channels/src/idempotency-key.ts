import { createHash } from 'node:crypto';

/**
 * The idempotency key of a message: its notification id, deterministic, so a send re-made after a
 * crash or a lease carries the same key as the first. Vendor fields with a length limit (APNs
 * apns-collapse-id: 64 bytes) get its SHA-256 in hex when the id is longer.
 */
export function idempotencyKeyOf(notificationId: string, maxBytes = Number.POSITIVE_INFINITY): string {
  return Buffer.byteLength(notificationId) <= maxBytes ? notificationId : createHash('sha256').update(notificationId).digest('hex').slice(0, maxBytes);
}
