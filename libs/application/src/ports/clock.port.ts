/** Time comes through this port everywhere it matters, so replay and tests can drive it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
