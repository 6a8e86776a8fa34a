import type { NotifierPolicy } from '@ot/application';
import type { NotificationKind } from '@ot/domain';

const KIND_OF: Partial<Record<string, NotificationKind>> = { HandedToCarrier: 'shipped', OutForDelivery: 'out-for-delivery', Delivered: 'delivered' };

/**
 * A minimal, predictable rule for notifier specs: one send per status event, due at once, on the
 * customer's channels. The notifier's own guarantees (dedupe, retry, fallback) are tested with it; the
 * real policy's rules (quiet hours, caps, collapse) have their own specs in the domain.
 */
export const simpleTestPolicy: NotifierPolicy = ({ event, eventId, order, preferences, now }) => {
  const kind = KIND_OF[event.type];
  const channels = kind ? preferences.channels[kind] : undefined;
  if (!kind || !channels?.length) return { sends: [], superseded: [] };
  const send = {
    notificationId: `${order.orderId}:${kind}:${eventId}`,
    orderId: order.orderId,
    customerId: order.customerId,
    kind,
    urgent: true,
    channels,
    notBefore: now,
    facts: { orderId: order.orderId },
  };
  return { sends: [send], superseded: [] };
};
