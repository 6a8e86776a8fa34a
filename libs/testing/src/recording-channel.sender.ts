import { type ChannelSender, SendFailure } from '@ot/application';
import type { Channel, CustomerPreferences, Outgoing } from '@ot/domain';

/**
 * A ChannelSender double for notifier specs: records
 * every message it was asked to send, and fails on demand with a scripted SendFailure per recipient.
 */
export class RecordingChannelSender implements ChannelSender {
  readonly sent: Outgoing[] = [];
  readonly tried: Outgoing[] = [];
  private readonly script = new Map<string, SendFailure[]>();

  constructor(readonly channel: Channel) {}

  /** The next sends to `to` fail with these, in order; later ones succeed. */
  failNext(to: string, ...failures: SendFailure[]): this {
    this.script.set(to, [...(this.script.get(to) ?? []), ...failures]);
    return this;
  }

  async send(message: Outgoing): Promise<{ providerMessageId: string }> {
    this.tried.push(message);
    const failure = this.script.get(message.to)?.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { providerMessageId: `${this.channel}-${this.sent.length}` };
  }
}

export const transient = (retryAfterMs?: number) => new SendFailure('transient', 'provider busy', '503', retryAfterMs);
export const permanent = () => new SendFailure('permanent', 'message rejected', '400');
export const invalidRecipient = () => new SendFailure('invalid-recipient', 'unregistered', 'UNREGISTERED');

export function preferencesOf(customerId = 'c1', overrides: Partial<CustomerPreferences> = {}): CustomerPreferences {
  return {
    customerId,
    language: 'en',
    timeZone: 'UTC',
    channels: { 'out-for-delivery': ['push', 'sms'], shipped: ['push', 'sms'], delivered: ['email'] },
    contacts: { deviceTokens: ['tok-1'], phone: '+15550001111', email: 'c1@example.com' },
    ...overrides,
  };
}
