import { Injectable } from '@nestjs/common';

/** A named readiness check: what it found, and whether the service can take traffic with it. */
export type CheckResult = Readonly<{ up: boolean; details?: Record<string, unknown> }>;
export type ReadinessCheck = () => Promise<CheckResult>;

/**
 * The checks /health/ready runs, each under its own name. Parts of the process register theirs at
 * start (the order-service its stores, bus and projections; the notifier its dispatcher), so this
 * module knows none of them.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks];
  }
}
