import type { Channel, Outgoing } from '@ot/domain';

/** One interface per channel, one class per vendor (FCM, Twilio, SMTP). */
export interface ChannelSender {
  readonly channel: Channel;
  send(message: Outgoing): Promise<{ providerMessageId: string }>;
}

/**
 * How a failed send is classified decides what happens next:
 * transient -> retry with backoff (honouring retryAfterMs); permanent -> no retry, dead-letter;
 * invalid-recipient -> no retry, forget that recipient (e.g. an unregistered FCM token), try the next channel.
 */
export class SendFailure extends Error {
  constructor(
    readonly kind: 'transient' | 'permanent' | 'invalid-recipient',
    message: string,
    readonly providerCode?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}
