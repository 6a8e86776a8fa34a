import { SendFailure, type ChannelSender } from '@ot/application';
import type { Outgoing } from '@ot/domain';
import type { Messaging } from 'firebase-admin/messaging';
import { idempotencyKeyOf } from '../idempotency-key';

/** APNs refuses an apns-collapse-id longer than this. */
const APNS_COLLAPSE_ID_MAX_BYTES = 64;

/**
 * FCM documents "retry with exponential backoff, at least 1 minute" for QUOTA_EXCEEDED. The SDK turns
 * the HTTP response into a FirebaseMessagingError and drops its headers, so the Retry-After of a 429
 * never reaches us: this documented minimum stands in for it. (On 503 the SDK itself retries up to
 * 4 times, honouring Retry-After up to 60 s, before it gives up and we see server-unavailable.)
 */
export const FCM_RATE_LIMIT_RETRY_AFTER_MS = 60_000;

/** Push through Firebase Cloud Messaging HTTP v1, one device token per message. */
export class FcmPushSender implements ChannelSender {
  readonly channel = 'push' as const;

  constructor(private readonly messaging: Messaging) {}

  async send(m: Outgoing): Promise<{ providerMessageId: string }> {
    try {
      const name = await this.messaging.send({
        token: m.to,
        notification: { title: m.title, body: m.text },
        // FCM data values must be strings; the id lets the app de-duplicate and report opens.
        data: { ...m.data, notificationId: m.notificationId },
        // FCM has no idempotency key; these make a second copy replace the first on the device
        // while it is still shown (Android tag, APNs collapse id) instead of showing twice.
        android: { notification: { tag: idempotencyKeyOf(m.notificationId) } },
        apns: { headers: { 'apns-collapse-id': idempotencyKeyOf(m.notificationId, APNS_COLLAPSE_ID_MAX_BYTES) } },
      });
      return { providerMessageId: name };
    } catch (error) {
      throw fcmFailure(error);
    }
  }
}

const INVALID_TOKEN = new Set(['messaging/registration-token-not-registered', 'messaging/invalid-registration-token', 'messaging/invalid-recipient']);
const RATE_LIMITED = new Set(['messaging/message-rate-exceeded', 'messaging/device-message-rate-exceeded', 'messaging/topics-message-rate-exceeded']);
const SERVER_SIDE = new Set(['messaging/server-unavailable', 'messaging/internal-error', 'app/network-error', 'app/network-timeout']);

/** Maps an error of firebase-admin's send() (codes as in the SDK's messaging error table) to what the notifier does next. */
export function fcmFailure(error: unknown): SendFailure {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code !== 'string') return new SendFailure('transient', `FCM send failed before a response: ${message}`);

  if (INVALID_TOKEN.has(code)) return new SendFailure('invalid-recipient', message, code);
  // INVALID_ARGUMENT also covers bad payloads; only the token's own complaint means "forget this token".
  if (code === 'messaging/invalid-argument' && /registration token|message\.token/i.test(message)) {
    return new SendFailure('invalid-recipient', message, code);
  }
  if (RATE_LIMITED.has(code)) return new SendFailure('transient', message, code, FCM_RATE_LIMIT_RETRY_AFTER_MS);
  // A non-JSON 5xx other than 500/503 surfaces as unknown-error with the status in the message.
  if (SERVER_SIDE.has(code) || (code === 'messaging/unknown-error' && /Status code: 5\d\d/.test(message))) {
    return new SendFailure('transient', message, code);
  }
  return new SendFailure('permanent', message, code);
}
