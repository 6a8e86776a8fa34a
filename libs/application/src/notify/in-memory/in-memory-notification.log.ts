import type { NotificationAttempt, NotificationLog } from '../notification-log.port';

/** The attempt log in an array: tests and the embedded mode without a disk. */
export class InMemoryNotificationLog implements NotificationLog {
  readonly attempts: NotificationAttempt[] = [];

  async append(...attempts: readonly NotificationAttempt[]): Promise<void> {
    this.attempts.push(...attempts);
  }

  async forOrder(orderId: string): Promise<NotificationAttempt[]> {
    return this.attempts.filter((a) => a.orderId === orderId);
  }
}
