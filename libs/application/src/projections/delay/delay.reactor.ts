import { DEFAULT_DELAY_RULES, delayCommands, type DelayRulesConfig, DomainError, type Instant } from '@ot/domain';
import { handleCommand } from '../../commands/handle-command';
import type { EventStore } from '../../ports/event-store.port';
import type { Watched } from '../eta/eta.projection';

export type ReactionTally = { evaluated: number; appended: number; rejected: number };

/**
 * Turns the delay rules' verdicts into facts through the decider (handleCommand), so every
 * alert is an audited event that reaches the relay. The decider drops repeats, so reacting to
 * the same forecast twice appends nothing the second time.
 */
export class DelayReactor {
  constructor(
    private readonly store: EventStore,
    private readonly rules: DelayRulesConfig = DEFAULT_DELAY_RULES,
  ) {}

  async react(orders: readonly Watched[], now: Instant): Promise<ReactionTally> {
    const tally: ReactionTally = { evaluated: 0, appended: 0, rejected: 0 };
    for (const { watch, prediction } of orders) {
      tally.evaluated++;
      for (const command of delayCommands(watch, prediction, now, this.rules)) {
        try {
          const out = await handleCommand(this.store, watch.orderId, command);
          if (out.outcome === 'appended') tally.appended += out.events.length;
        } catch (error) {
          // the order moved on meanwhile (delivered, canceled); the next evaluation sees that
          if (!(error instanceof DomainError)) throw error;
          tally.rejected++;
        }
      }
    }
    return tally;
  }
}
