import type { Clock } from '../ports/clock.port';
import type { RecordedEvent } from '../ports/event-store.port';
import type { ReceivedMessage } from '../ports/message-bus.port';
import type { NotificationInbox } from './notification.store.port';
import type { NotifierDecision, NotifierPolicy } from './notifier-policy.port';
import { evolveOrderContext } from './order-context';
import type { PreferencesStore } from './preferences.store.port';

/** How far back the policy looks for frequency caps and de-duplication. */
const SENT_LOOKBACK_MS = 24 * 3_600_000;

/**
 * The bus handler: one order event in, its notification decisions durably recorded, then resolve - and
 * only then does the bus commit the offset. Redelivery is harmless: the decision log is keyed by the
 * event's globalPosition, checked first and enforced again by record() inside its transaction.
 * Nothing is sent here; the dispatcher sends what is due, so a slow provider never blocks the bus.
 */
export class NotificationInboxHandler {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly preferences: PreferencesStore,
    private readonly policy: NotifierPolicy,
    private readonly clock: Clock,
  ) {}

  readonly onMessage = (message: ReceivedMessage<RecordedEvent>): Promise<void> => this.handle(message.value);

  async handle(event: RecordedEvent): Promise<void> {
    if (await this.inbox.isHandled(event.globalPosition)) return;
    const now = this.clock.now();
    const orderId = event.data.orderId;
    const before = await this.inbox.orderContext(orderId);
    const after = evolveOrderContext(before, event);
    // The policy sees the order as it stood before the event (OrderPlaced: as it stands with it).
    const order = before ?? after;
    const prefs = order ? await this.preferences.get(order.customerId) : undefined;

    let decision: NotifierDecision = { sends: [], superseded: [] };
    if (order && prefs) {
      decision = this.policy({
        event,
        eventId: event.globalPosition,
        order,
        preferences: prefs,
        sent: await this.inbox.sentTo(order.customerId, new Date(now.getTime() - SENT_LOOKBACK_MS).toISOString()),
        pending: await this.inbox.pendingFor(orderId),
        now: now.toISOString(),
      });
    }
    await this.inbox.record({
      globalPosition: event.globalPosition,
      orderId,
      order: after,
      sends: decision.sends,
      superseded: decision.superseded,
      at: now.toISOString(),
    });
  }
}
