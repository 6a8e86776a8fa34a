import {
  addDays,
  type CalendarDate,
  type CompensationPolicy,
  daysLate,
  DomainError,
  epochOfLocal,
  type Instant,
  type OrderCommand,
  type OrderEvent,
  voucherFor,
} from '@ot/domain';
import { eachAtOnce } from '../../commands/each-at-once';
import { handleCommand } from '../../commands/handle-command';
import type { EventStore } from '../../ports/event-store.port';
import type { ReactionTally } from '../delay/delay.reactor';

type Late = { promisedBy: CalendarDate; closedAt?: Instant };

/** The delay reactor records a late delivery's broken promise in the same drain: a day is plenty. */
const FORGET_DELIVERIES_AFTER_MS = 86_400_000;
const iso = (ms: number): Instant => new Date(ms).toISOString();
const TOP_TIER = (policy: CompensationPolicy): number => Math.max(...policy.tiers.map((t) => t.fromDaysLate));

/**
 * The clock-driven part of aftercare, run by the ETA pipeline on its ticks and after each batch, so
 * CLOCK=event-time replays and tests drive it like the delay rules:
 * - a late order is compensated once its lateness is final (delivered or collected, judged at that
 *   instant) or has reached the top tier while still on its way (it cannot earn more);
 * - a parcel whose pickup-point deadline has passed goes back to the sender.
 * It remembers only what those two rules need, folded from the events it is shown; the decider is the
 * judge (at most one voucher, nothing for a collected parcel), so a repeat is harmless.
 */
export class AftercareReactor {
  private readonly late = new Map<string, Late>();
  private readonly compensated = new Set<string>();
  /** Deliveries not yet followed by a broken promise (if late, it comes in the next batch); forgotten after a react. */
  private readonly delivered = new Map<string, Instant>();
  /** Orders waiting at a pickup point: the deadline, extended or not. */
  private readonly waiting = new Map<string, number>();

  constructor(
    private readonly store: EventStore,
    private readonly policy: CompensationPolicy,
  ) {}

  observe(events: readonly OrderEvent[]): void {
    for (const e of events) {
      const id = e.data.orderId;
      switch (e.type) {
        case 'PromiseBroken':
          // a late delivery's broken promise is recorded just after the delivery
          if (!this.compensated.has(id)) this.late.set(id, { promisedBy: e.data.promisedBy, closedAt: this.delivered.get(id) });
          break;
        case 'CompensationGranted':
          this.compensated.add(id);
          this.late.delete(id);
          break;
        case 'ArrivedAtPickupPoint':
          this.waiting.set(id, Date.parse(e.data.pickupPoint.storageDeadline));
          break;
        case 'StorageExtended':
          this.waiting.set(id, Date.parse(e.data.pickupPoint.storageDeadline));
          break;
        case 'Delivered':
        case 'PickedUp': {
          const late = this.late.get(id);
          if (late && !late.closedAt) late.closedAt = e.data.occurredAt;
          else if (!late) this.delivered.set(id, e.data.occurredAt);
          this.waiting.delete(id);
          break;
        }
        case 'OrderCanceled':
        case 'ReturnedToSender':
        case 'StorageExpired':
          // the money goes back whole: no voucher on top
          this.late.delete(id);
          this.waiting.delete(id);
          break;
        default:
          break;
      }
    }
  }

  /** Applies both rules as of `atMs`: the tick's instant or the latest event's. */
  async react(atMs: number): Promise<ReactionTally> {
    const tally: ReactionTally = { evaluated: 0, appended: 0, rejected: 0 };
    for (const [orderId, at] of this.delivered) if (Date.parse(at) < atMs - FORGET_DELIVERIES_AFTER_MS) this.delivered.delete(orderId);
    const due: [string, OrderCommand][] = [];
    for (const [orderId, late] of [...this.late]) {
      const command = this.compensation(orderId, late, atMs);
      if (command === 'wait') continue;
      this.late.delete(orderId);
      if (command) due.push([orderId, command]);
    }
    for (const [orderId, deadlineMs] of [...this.waiting]) {
      if (deadlineMs > atMs) continue;
      this.waiting.delete(orderId);
      due.push([orderId, { type: 'ExpireStorage', data: { orderId, checkedAt: iso(atMs) } }]);
    }
    // all orders at once, so their appends share commits; one order's commands keep this order
    await eachAtOnce(due, ([orderId, command]) => this.run(tally, orderId, command));
    return tally;
  }

  /**
   * Dated when the lateness became final (the delivery, or the start of the top tier's day), not when a
   * tick noticed it, so a replay grants the same event however its ticks and batches fell.
   */
  private compensation(orderId: string, late: Late, atMs: number): OrderCommand | 'wait' | undefined {
    const { timeZone } = this.policy;
    const top = TOP_TIER(this.policy);
    if (!late.closedAt && daysLate(late.promisedBy, atMs, timeZone) < top) return 'wait';
    const occurredAt = late.closedAt ?? iso(epochOfLocal(addDays(late.promisedBy, top), timeZone));
    const lateDays = late.closedAt ? daysLate(late.promisedBy, Date.parse(late.closedAt), timeZone) : top;
    const voucher = voucherFor(this.policy, lateDays);
    if (!voucher) return undefined; // delivered before the first tier
    const reason = `promise of ${late.promisedBy} broken by ${lateDays} days`;
    return { type: 'GrantCompensation', data: { orderId, voucher, daysLate: lateDays, source: 'policy', grantedBy: 'policy', reason, occurredAt } };
  }

  private async run(tally: ReactionTally, orderId: string, command: OrderCommand): Promise<void> {
    tally.evaluated++;
    try {
      const out = await handleCommand(this.store, orderId, command);
      if (out.outcome === 'appended') tally.appended += out.events.length;
    } catch (error) {
      // the order moved on meanwhile (collected, canceled); nothing to conclude
      if (!(error instanceof DomainError)) throw error;
      tally.rejected++;
    }
  }
}
