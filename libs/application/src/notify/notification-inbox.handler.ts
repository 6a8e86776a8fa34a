import type { CustomerPreferences } from '@ot/domain';
import type { RecordedEvent } from '../ports/event-store.port';
import type { MessageBatch } from '../ports/message-bus.port';
import { type DecisionJournal, separateDecisionJournal } from './decision-journal.port';
import { eventTimeOf } from './event-time';
import type { NotificationLog } from './notification-log.port';
import type { EventDecisions, NotificationInbox } from './notification.store.port';
import type { NotifierDecision, NotifierPolicy } from './notifier-policy.port';
import { evolveOrderContext } from './order-context';
import { UnrecordedDecisions } from './unrecorded-decisions';
import type { PreferencesStore } from './preferences.store.port';

/** How far back the policy looks for frequency caps and de-duplication. */
const SENT_LOOKBACK_MS = 24 * 3_600_000;

/**
 * The bus handler: order events in, their notification decisions durably recorded, then resolve - and
 * only then does the bus commit the offsets. Redelivery is harmless: the decision log is keyed by the
 * event's globalPosition, checked first and enforced again by record() inside its transaction.
 * Nothing is sent here; the dispatcher sends what is due, so a slow provider never blocks the bus.
 *
 * A batch is decided event by event, in order, and recorded in one transaction: the inbox is read
 * once per order and customer of the batch, and those reads are kept up to date in memory with the
 * batch's unrecorded decisions (UnrecordedDecisions). So every event is decided on exactly the state
 * one-at-a-time handling would show it. Only a decision touching stored state the batch has not read
 * in time records the batch first. The batch resolves only once all of it is committed: a crash
 * before that redelivers (and re-decides, with the same deterministic notification ids) what was not
 * committed, and skips what was.
 */
export class NotificationInboxHandler {
  private readonly journal: DecisionJournal;

  constructor(
    private readonly inbox: NotificationInbox,
    private readonly preferences: PreferencesStore,
    private readonly policy: NotifierPolicy,
    /** Where decisions not to send are shown (GET /orders/:id/notifications); written once their event is recorded. */
    log?: NotificationLog,
    /** The decisions and those lines in one commit, where one store holds both. */
    journal?: DecisionJournal,
  ) {
    this.journal = journal ?? separateDecisionJournal(inbox, log);
  }

  /** The bus handler: one partition's batch, its offsets committed once this resolves. */
  readonly onBatch = (batch: MessageBatch<RecordedEvent>): Promise<void> => this.handleBatch(batch.map((m) => m.value));

  async handleBatch(events: readonly RecordedEvent[]): Promise<void> {
    const handled = new Set(await this.inbox.handled(events.map((e) => e.globalPosition)));
    let batch = new UnrecordedDecisions(this.inbox, handled);
    const preferences = await this.readAhead(
      batch,
      events.filter((e) => !handled.has(e.globalPosition)),
    );
    for (const event of events) {
      let decided = await this.decide(batch, event, preferences);
      if (decided && (await batch.add(decided.decisions, decided.since))) continue;
      // It depends on stored state this batch did not read in time: record the batch, decide it afresh.
      if (batch.size) await this.record(batch.decisions);
      batch = new UnrecordedDecisions(this.inbox, handled);
      decided = await this.decide(batch, event, preferences);
      if (!decided) throw new Error('unreachable: a fresh batch reads every log it is asked for');
      if (await batch.add(decided.decisions, decided.since)) continue;
      await this.record([decided.decisions!]); // decided on stored state, so exact on its own
      handled.add(event.globalPosition);
      batch = new UnrecordedDecisions(this.inbox, handled);
    }
    if (batch.size) await this.record(batch.decisions);
  }

  /**
   * The batch's orders and customers read at once, from the earliest instant any of its events looks back to,
   * and those customers' preferences: the batch is decided on them as they stood when it began, as on the
   * inbox it read ahead (a change made meanwhile counts from the next batch).
   */
  private async readAhead(batch: UnrecordedDecisions, events: readonly RecordedEvent[]): Promise<BatchPreferences> {
    if (!events.length) return { read: new Set(), found: new Map() };
    // An order whose events the policy all ignores needs only its context: no sends, no customer's log.
    const deciding = new Set(events.flatMap((e) => (this.policy.ignores?.(e) ? [] : [e.data.orderId])));
    const orderIds = [...new Set(events.map((e) => e.data.orderId))];
    const customerIds = new Set(events.flatMap((e) => (e.type === 'OrderPlaced' && deciding.has(e.data.orderId) ? [e.data.customerId] : [])));
    const earliest = events.reduce((min, e) => Math.min(min, Date.parse(eventTimeOf(e))), Infinity);
    const since = new Date(earliest - SENT_LOOKBACK_MS).toISOString();
    const customers = await batch.readAhead(
      orderIds.filter((o) => deciding.has(o)),
      [...customerIds],
      since,
      new Date(earliest).toISOString(),
      orderIds.filter((o) => !deciding.has(o)),
    );
    return { read: new Set(customers), found: await this.preferences.getMany(customers) };
  }

  /** A customer's preferences from the batch's read, or read now for one it did not know of. */
  private async preferencesOf(customerId: string, batch: BatchPreferences): Promise<CustomerPreferences | undefined> {
    return batch.read.has(customerId) ? batch.found.get(customerId) : this.preferences.get(customerId);
  }

  /** Records, with the unsent decisions of the events this call recorded (a redelivery logs nothing twice). */
  private async record(decisions: readonly EventDecisions[]): Promise<void> {
    await this.journal.record(decisions);
  }

  /** One event's decisions (none: already handled) on the inbox as `batch` shows it; undefined when the batch cannot show it. */
  private async decide(
    batch: UnrecordedDecisions,
    event: RecordedEvent,
    preferences: BatchPreferences,
  ): Promise<{ decisions?: EventDecisions; since: string } | undefined> {
    const nowMs = Date.parse(eventTimeOf(event));
    const since = new Date(nowMs - SENT_LOOKBACK_MS).toISOString();
    if (batch.isHandled(event.globalPosition)) return { since };
    const at = new Date(nowMs).toISOString(); // once: the policy's now, the told date's instant and the mark's
    const orderId = event.data.orderId;
    const before = await batch.orderContext(orderId);
    const after = evolveOrderContext(before, event);
    // The policy sees the order as it stood before the event (OrderPlaced: as it stands with it).
    const order = before ?? after;
    let decision: NotifierDecision = { sends: [], superseded: [] };
    if (order && !this.policy.ignores?.(event)) {
      // No preferences: the customer chose no channel, which the policy records as opted out.
      const prefs = (await this.preferencesOf(order.customerId, preferences)) ?? noPreferences(order.customerId);
      const sent = await batch.sentTo(order.customerId, since);
      if (!sent) return undefined;
      decision = this.policy({
        event,
        eventId: event.globalPosition,
        order,
        preferences: prefs,
        sent,
        pending: await batch.pendingFor(orderId),
        digests: await batch.digestsFor(order.customerId),
        now: at,
      });
    }
    const told = after && decision.toldExpected ? { ...after, toldExpected: decision.toldExpected, toldAt: at } : after;
    const requestId = event.metadata?.requestId;
    const decisions: EventDecisions = {
      globalPosition: event.globalPosition,
      orderId,
      // The same object: the event moved nothing the notifier remembers (a reactor's event, a late scan), so nothing to rewrite.
      order: told === before ? undefined : told,
      sends: typeof requestId === 'string' ? decision.sends.map((s) => ({ ...s, requestId })) : decision.sends,
      superseded: decision.superseded,
      unsent: decision.unsent ?? [],
      at,
    };
    return { decisions, since };
  }
}

/** The preferences a batch read ahead: every customer it read, and those of them who have preferences. */
type BatchPreferences = Readonly<{ read: ReadonlySet<string>; found: ReadonlyMap<string, CustomerPreferences> }>;

function noPreferences(customerId: string): CustomerPreferences {
  return { customerId, language: 'en', timeZone: 'UTC', channels: {}, contacts: { deviceTokens: [] } };
}
