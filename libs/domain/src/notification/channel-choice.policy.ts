import type { Channel, CustomerPreferences, NotificationKind } from './notification.types';

/**
 * The channels to try for a kind, in the customer's order of preference, keeping only those we can
 * reach: push needs a device token, sms a phone number, email an address. The sender tries them in
 * this order and falls back to the next on failure, so the list itself is the fallback order.
 * A kind the customer has no list for (or an empty one) is switched off: we never pick a channel
 * the customer did not choose.
 */
export function channelsFor(kind: NotificationKind, preferences: CustomerPreferences): Channel[] {
  const wanted = preferences.channels[kind] ?? [];
  const reachable = wanted.filter((channel) => hasContact(channel, preferences.contacts));
  return [...new Set(reachable)];
}

function hasContact(channel: Channel, contacts: CustomerPreferences['contacts']): boolean {
  switch (channel) {
    case 'push':
      return contacts.deviceTokens.length > 0;
    case 'sms':
      return !!contacts.phone;
    case 'email':
      return !!contacts.email;
    default: {
      const unknown: never = channel;
      throw new Error(`unknown channel ${unknown as string}`);
    }
  }
}
