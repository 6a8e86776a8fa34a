import type { EventTimeClock } from '../ports/clock.port';

/**
 * CLOCK=event-time: partner events drive the clock, so the system's reactions must keep pace with it.
 * Before the clock moves to a later instant, everything concluded at earlier instants (ETA ticks,
 * delay verdicts, the notifier's decisions) is recorded first; then the clock moves and the event is
 * appended. Events are let through one at a time. So the log, and what the notifier sees in it, is
 * in time order whatever the speed of the replay: two replays of a file give the same events and messages.
 */
export class EventTimeGate {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly clock: EventTimeClock,
    /** Resolves once everything earlier than `instant` is concluded and consumed. */
    private readonly quiesceBefore: (instant: Date) => Promise<void>,
  ) {}

  /** Runs `append` for an event that occurred at `occurredAt`, after the system caught up with the time before it. */
  pass<T>(occurredAt: string, append: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const at = new Date(occurredAt);
      if (at.getTime() > this.clock.now().getTime()) await this.quiesceBefore(at);
      this.clock.observe(at);
      return append();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
