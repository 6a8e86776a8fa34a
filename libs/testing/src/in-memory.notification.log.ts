import type { NotificationAttempt, NotificationLog } from '@ot/application';

/** The attempt log in an array, for specs and tests (the notifier itself always keeps it in SQLite). */
export class InMemoryNotificationLog implements NotificationLog {
  readonly attempts: NotificationAttempt[] = [];

  async append(...attempts: readonly NotificationAttempt[]): Promise<void> {
    this.attempts.push(...attempts);
  }

  async forOrder(orderId: string): Promise<NotificationAttempt[]> {
    return this.attempts.filter((a) => a.orderId === orderId);
  }
}
