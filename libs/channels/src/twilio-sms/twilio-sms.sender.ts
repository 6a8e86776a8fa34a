import { SendFailure, type ChannelSender } from '@ot/application';
import type { Outgoing } from '@ot/domain';
import type { Twilio } from 'twilio';

/** SMS through Twilio's Messages API. `from` is a sender number (E.164) or a Messaging Service SID (MG...). */
export class TwilioSmsSender implements ChannelSender {
  readonly channel = 'sms' as const;

  constructor(
    private readonly client: Twilio,
    private readonly from: string,
  ) {}

  async send(m: Outgoing): Promise<{ providerMessageId: string }> {
    // A Messaging Service picks the sender number itself (pools, geo-matching), so it goes in its own field.
    const sender = this.from.startsWith('MG') ? { messagingServiceSid: this.from } : { from: this.from };
    // No idempotency key exists on a Message create: a send re-made after a crash can go twice (docs/SCALING.md).
    try {
      const message = await this.client.messages.create({ to: m.to, body: m.text, ...sender });
      return { providerMessageId: message.sid };
    } catch (error) {
      throw twilioFailure(error);
    }
  }
}

/** Twilio error codes (https://www.twilio.com/docs/api/errors) that say "this number cannot receive SMS". */
const INVALID_RECIPIENT = new Set([
  21211, // invalid 'To' phone number
  21614, // 'To' number is not a valid mobile number
  21610, // recipient replied STOP: unsubscribed
]);
const RATE_LIMITED = 20429;
/** Errors with no HTTP response at all: the request may not have reached Twilio. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * Maps what the Twilio SDK throws (a RestException with status and Twilio code; retryAfterMs is added
 * by the client from createTwilioClient) or an axios network error to what the notifier does next.
 * Auth failures (20003) and other 4xx are permanent: retrying the same request cannot fix them.
 */
export function twilioFailure(error: unknown): SendFailure {
  const e = (error ?? {}) as { status?: unknown; code?: unknown; message?: unknown; retryAfterMs?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const retryAfterMs = typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined;
  const status = typeof e.status === 'number' ? e.status : undefined;

  if (status === undefined) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    return new SendFailure(code && NETWORK_CODES.has(code) ? 'transient' : 'permanent', message, code);
  }
  const code = typeof e.code === 'number' ? e.code : undefined;
  const providerCode = String(code ?? status);
  if (code !== undefined && INVALID_RECIPIENT.has(code)) return new SendFailure('invalid-recipient', message, providerCode);
  if (code === RATE_LIMITED || status === 429 || status >= 500) return new SendFailure('transient', message, providerCode, retryAfterMs);
  return new SendFailure('permanent', message, providerCode);
}
