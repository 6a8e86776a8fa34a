import type { Clock } from '../ports/clock.port';
import type { RecordedEvent } from '../ports/event-store.port';
import type { ReceivedMessage } from '../ports/message-bus.port';
import type { EventDecisions, NotificationInbox } from './notification.store.port';
import type { NotifierDecision, NotifierPolicy } from './notifier-policy.port';
import { evolveOrderContext } from './order-context';
import type { PreferencesStore } from './preferences.store.port';

/** How far back the policy looks for frequency caps and de-duplication. */
const SENT_LOOKBACK_MS = 24 * 3_600_000;

/**
 * The bus handler: order events in, their notification decisions durably recorded, then resolve - and
 * only then does the bus commit the offsets. Redelivery is harmless: the decision log is keyed by the
 * event's globalPosition, checked first and enforced again by record() inside its transaction.
 * Nothing is sent here; the dispatcher sends what is due, so a slow provider never blocks the bus.
 *
 * A batch is decided event by event, in order, and recorded in as few transactions as possible: the
 * decisions wait in memory until an event needs what they would change (its order's context or
 * pending sends, its customer's sent log, its own handled mark), which are flushed first. So every
 * event is decided on exactly the state one-at-a-time handling would show it, and the batch resolves
 * only once all of it is committed: a crash before that redelivers (and re-decides, with the same
 * deterministic notification ids) what was not committed, and skips what was.
 */
export class NotificationInboxHandler {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly preferences: PreferencesStore,
    private readonly policy: NotifierPolicy,
    private readonly clock: Clock,
  ) {}

  /** The bus delivers one message at a time: a batch of one. */
  readonly onMessage = (message: ReceivedMessage<RecordedEvent>): Promise<void> => this.handleBatch([message.value]);

  async handleBatch(events: readonly RecordedEvent[]): Promise<void> {
    let unrecorded: EventDecisions[] = [];
    /** What the unrecorded decisions change: `p:` handled marks, `o:` orders, `c:` customers. */
    const dirty = new Set<string>();
    const flush = async (): Promise<void> => {
      if (unrecorded.length) await this.inbox.record(...unrecorded);
      unrecorded = [];
      dirty.clear();
    };
    for (const event of events) {
      const orderId = event.data.orderId;
      if (dirty.has(`p:${event.globalPosition}`) || dirty.has(`o:${orderId}`)) await flush();
      if (await this.inbox.isHandled(event.globalPosition)) continue;
      const now = this.clock.now();
      const before = await this.inbox.orderContext(orderId);
      const after = evolveOrderContext(before, event);
      // The policy sees the order as it stood before the event (OrderPlaced: as it stands with it).
      const order = before ?? after;
      if (order && dirty.has(`c:${order.customerId}`)) await flush();
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
      unrecorded.push({ globalPosition: event.globalPosition, orderId, order: after, sends: decision.sends, superseded: decision.superseded, at: now.toISOString() });
      dirty.add(`p:${event.globalPosition}`).add(`o:${orderId}`);
      if (order) dirty.add(`c:${order.customerId}`);
      for (const s of decision.sends) dirty.add(`o:${s.orderId}`).add(`c:${s.customerId}`);
    }
    await flush();
  }
}
