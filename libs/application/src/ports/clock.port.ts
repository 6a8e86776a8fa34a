/** Time comes through this port everywhere it matters, so replay and tests can drive it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Replay mode: time is the latest event time seen, so a replayed history runs the projections,
 * ETA and delay rules as they ran then. It never goes back: an older event (another order's, or
 * a late scan) leaves the clock where it is.
 */
export class EventTimeClock implements Clock {
  private latest: number;
  constructor(start: Date | string | number = 0) {
    this.latest = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.latest);
  }
  /** Advance to `instant` if it is later than the current time; returns the clock's time. */
  observe(instant: Date | string | number): Date {
    const t = new Date(instant).getTime();
    if (t > this.latest) this.latest = t;
    return this.now();
  }
}
