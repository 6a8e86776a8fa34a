import { collapse, decideNotifications, renderNotification, type NotificationPolicyOptions, type SendNotification } from '@ot/domain';
import type { NotificationRenderer, NotifierPolicy } from './notifier-policy.port';

/**
 * The domain's pure policy as the notifier calls it: decide (triggers, channels, quiet hours, caps),
 * then fold each decision into this order's queued burst (collapse), reporting what it supersedes.
 */
export function domainNotifierPolicy(options?: Partial<NotificationPolicyOptions>): NotifierPolicy {
  return (input) => {
    const decided = decideNotifications({ ...input, options });
    const sends: SendNotification[] = [];
    const superseded: string[] = [];
    for (const incoming of decided) {
      const result = collapse(input.pending, incoming, input.now);
      sends.push(result.send);
      superseded.push(...result.superseded);
    }
    return { sends, superseded };
  };
}

/** The domain's templates, in the customer's language and time zone. */
export const domainRenderer: NotificationRenderer = (send, preferences) =>
  renderNotification(send.kind, send.facts, { language: preferences.language, timeZone: preferences.timeZone });
