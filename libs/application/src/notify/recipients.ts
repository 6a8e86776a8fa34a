import type { Channel, CustomerPreferences } from '@ot/domain';

/** Where a channel reaches this customer: every registered device for push, else the one address. */
export function recipientsOf(channel: Channel, preferences: CustomerPreferences): readonly string[] {
  const { deviceTokens, phone, email } = preferences.contacts;
  switch (channel) {
    case 'push':
      return deviceTokens;
    case 'sms':
      return phone ? [phone] : [];
    case 'email':
      return email ? [email] : [];
    default: {
      const unknown: never = channel;
      throw new Error(`unknown channel ${String(unknown)}`);
    }
  }
}
