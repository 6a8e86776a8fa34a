import {
  decideOrderNotifications,
  isSilentEvent,
  KINDS_WITH_ACTIONS,
  type Language,
  type NotificationPolicyOptions,
  type OrderPageLinks,
  renderNotification,
} from '@ot/domain';
import type { NotificationRenderer, NotifierPolicy, NotifierPolicyInput } from './notifier-policy.port';

/**
 * The domain's pure policy as the notifier calls it: stale queued news dropped, the event's message
 * decided (triggers, channels, quiet hours, caps into digests), folded into this order's queued burst.
 */
export function domainNotifierPolicy(options?: Partial<NotificationPolicyOptions>): NotifierPolicy {
  // Without options the input goes to the decider as it is: no copy of it per decision.
  const decide = options
    ? (input: NotifierPolicyInput) => decideOrderNotifications({ ...input, options })
    : (input: NotifierPolicyInput) => decideOrderNotifications(input);
  return Object.assign(decide, { ignores: isSilentEvent });
}

/** Issues the signed, expiring links to an order's customer page, when a message that offers actions is written. */
export type OrderPageLinker = (orderId: string, language: Language) => OrderPageLinks;

/** The domain's templates, in the customer's language and time zone, dated as of the send; delay messages carry the page links. */
export const domainRendererWith =
  (links?: OrderPageLinker): NotificationRenderer =>
  (send, preferences, sentAt, channel) =>
    renderNotification(send.kind, send.facts, {
      language: preferences.language,
      timeZone: preferences.timeZone,
      sentAt,
      channel,
      links: links && KINDS_WITH_ACTIONS.has(send.kind) ? links(send.orderId, preferences.language) : undefined,
    });

/** The templates without page links (tests and benchmarks that do not look at links). */
export const domainRenderer: NotificationRenderer = domainRendererWith();
