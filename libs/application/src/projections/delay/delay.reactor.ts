import {
  DEFAULT_DELAY_RULES,
  delayCommands,
  deliveryCommands,
  type DelayRulesConfig,
  DomainError,
  type Instant,
  type OrderCommand,
  type OrderEvent,
} from '@ot/domain';
import { eachAtOnce } from '../../commands/each-at-once';
import { handleCommand } from '../../commands/handle-command';
import type { EventStore } from '../../ports/event-store.port';
import type { Delivery, Watched } from '../eta/eta.projection';

export type ReactionTally = { evaluated: number; appended: number; rejected: number };

/**
 * Orders judged at once: their appends share the store's commits, and a start with a million open orders
 * (every one judged once) does not hold a million judgements and their streams in flight.
 */
const JUDGED_AT_ONCE = 10_000;

/**
 * Turns the delay rules' verdicts into facts through the decider (handleCommand), so every
 * alert is an audited event that reaches the relay. The decider drops repeats, so reacting to
 * the same forecast twice appends nothing the second time. Each verdict is decided on the order
 * as the judge knew it (partner news up to `asOf`), so a replay concludes the same whether
 * ingestion ran ahead of the projection or not.
 */
export class DelayReactor {
  constructor(
    private readonly store: EventStore,
    private readonly rules: DelayRulesConfig = DEFAULT_DELAY_RULES,
    /** Told of every append, so the judge's memory includes its own conclusions at once. */
    private readonly onAppended: (orderId: string, lastVersion: number, events: readonly OrderEvent[]) => Promise<void> = async () => undefined,
  ) {}

  /**
   * Judges each order at `now`, or (without it) at the instant its forecast was made: the time of
   * the events projected, not the clock's time when they were drained, so a replay does not depend
   * on how the subscription batched them. Orders are judged at once (JUDGED_AT_ONCE at a time), so their appends share commits.
   */
  async react(orders: Iterable<Watched>, now?: Instant): Promise<ReactionTally> {
    const tally: ReactionTally = { evaluated: 0, appended: 0, rejected: 0 };
    await eachAtOnce(
      orders,
      ({ watch, prediction, asOf }) => this.conclude(tally, watch.orderId, asOf, delayCommands(watch, prediction, now ?? prediction.predictedAt, this.rules)),
      JUDGED_AT_ONCE,
    );
    return tally;
  }

  /** Records a broken promise for orders delivered after their promised day. */
  async delivered(deliveries: readonly Delivery[]): Promise<ReactionTally> {
    const tally: ReactionTally = { evaluated: 0, appended: 0, rejected: 0 };
    await eachAtOnce(
      deliveries,
      ({ watch, deliveredAt, asOf }) => this.conclude(tally, watch.orderId, asOf, deliveryCommands(watch, deliveredAt, this.rules)),
      JUDGED_AT_ONCE,
    );
    return tally;
  }

  private async conclude(tally: ReactionTally, orderId: string, asOf: number, commands: readonly OrderCommand[]): Promise<void> {
    tally.evaluated++;
    for (const command of commands) {
      try {
        const out = await handleCommand(this.store, orderId, command, { partnerNewsUpTo: asOf });
        if (out.outcome === 'appended') {
          tally.appended += out.events.length;
          await this.onAppended(orderId, out.streamVersion, out.events);
        }
      } catch (error) {
        // the order moved on meanwhile (delivered, canceled); the next evaluation sees that
        if (!(error instanceof DomainError)) throw error;
        tally.rejected++;
      }
    }
  }
}
