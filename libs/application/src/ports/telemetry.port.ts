import type { Channel } from '@ot/domain';
import type { AttemptStatus } from '../notify/notification-log.port';
import type { OrderHealth } from '../projections/status/status.view';

/**
 * What application code reports for operators (metrics, health), without knowing how it is kept.
 * Calls are on hot paths: an adapter must only bump numbers.
 */
export interface Telemetry {
  /** One attempt on one channel ended with `status` (the same line the notification log gets). */
  notificationAttempt(channel: Channel | undefined, status: AttemptStatus): void;
  /** The dispatcher finished a pass at `at` (wall time): a stuck dispatcher stops reporting. */
  dispatcherTicked(at: Date): void;
  /** The status projection moved an order from one health to another (from undefined: a new order). */
  orderHealthChanged(from: OrderHealth | undefined, to: OrderHealth): void;
  /** An order was delivered this many days after (+) or before (-) the expected day its view showed last. */
  deliveredAgainstEta(lateByDays: number): void;
}

export const noTelemetry: Telemetry = {
  notificationAttempt: () => undefined,
  dispatcherTicked: () => undefined,
  orderHealthChanged: () => undefined,
  deliveredAgainstEta: () => undefined,
};
