import { decideOrderNotifications, renderNotification, type NotificationPolicyOptions } from '@ot/domain';
import type { NotificationRenderer, NotifierPolicy } from './notifier-policy.port';

/**
 * The domain's pure policy as the notifier calls it: stale queued news dropped, the event's message
 * decided (triggers, channels, quiet hours, caps into digests), folded into this order's queued burst.
 */
export function domainNotifierPolicy(options?: Partial<NotificationPolicyOptions>): NotifierPolicy {
  return (input) => decideOrderNotifications({ ...input, options });
}

/** The domain's templates, in the customer's language and time zone, dated as of the send. */
export const domainRenderer: NotificationRenderer = (send, preferences, sentAt) =>
  renderNotification(send.kind, send.facts, { language: preferences.language, timeZone: preferences.timeZone, sentAt });
