import type { Clock } from '../ports/clock.port';
import { type BackoffOptions, retryDelayMs, stableJitter } from '../notify/retry-backoff';
import type { OutboundDelivery, PartnerOutboxStore } from './partner-outbox.store.port';
import { PartnerDeliveryFailed, type PartnerWebhookSender } from './partner-webhook.sender.port';

export type PartnerOutboxOptions = Readonly<{ maxAttempts: number; backoff: BackoffOptions; leaseMs: number; batchSize: number }>;
export type DispatchCounts = { delivered: number; retried: number; dead: number };

/**
 * Drains the outbox: each due delivery is posted once per pass; a failure is retried with the
 * notifier's backoff (exponential, jitter stable per delivery and attempt) until maxAttempts, then
 * dead-lettered for ops to re-drive. Time is the wall clock: retries are about the partner, not the order.
 */
export class PartnerOutboxDispatcher {
  constructor(
    private readonly outbox: PartnerOutboxStore,
    private readonly sender: PartnerWebhookSender,
    private readonly clock: Clock,
    private readonly options: PartnerOutboxOptions,
  ) {}

  async dispatchDue(): Promise<DispatchCounts> {
    const now = this.clock.now().getTime();
    const due = await this.outbox.claimDue(iso(now), iso(now + this.options.leaseMs), this.options.batchSize);
    const counts: DispatchCounts = { delivered: 0, retried: 0, dead: 0 };
    for (const outcome of await Promise.all(due.map((d) => this.attempt(d)))) counts[outcome]++;
    return counts;
  }

  private async attempt(delivery: OutboundDelivery): Promise<keyof DispatchCounts> {
    const failure = await this.sender.send(delivery).then(
      () => undefined,
      (error: unknown) => (error instanceof PartnerDeliveryFailed ? error : new PartnerDeliveryFailed(String(error))),
    );
    const now = this.clock.now().getTime();
    if (!failure) {
      await this.outbox.recordAttempt(delivery.deliveryId, { state: 'delivered', at: iso(now) });
      return 'delivered';
    }
    const attempts = delivery.attempts + 1;
    if (failure.permanent || attempts >= this.options.maxAttempts) {
      await this.outbox.recordAttempt(delivery.deliveryId, { state: 'dead', error: failure.message });
      return 'dead';
    }
    const delay = retryDelayMs(attempts, failure.retryAfterMs, this.options.backoff, () => stableJitter(delivery.deliveryId, attempts));
    await this.outbox.recordAttempt(delivery.deliveryId, { state: 'pending', error: failure.message, nextAttemptAt: iso(now + delay) });
    return 'retried';
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
