import type { ChannelOutcome, NotificationAttempt, NotificationLog } from '@ot/application';

/** The attempt log in an array, for specs and tests (the notifier itself always keeps it in SQLite). */
export class InMemoryNotificationLog implements NotificationLog {
  readonly attempts: NotificationAttempt[] = [];

  async append(...attempts: readonly NotificationAttempt[]): Promise<void> {
    this.attempts.push(...attempts);
  }

  async forOrder(orderId: string): Promise<NotificationAttempt[]> {
    return this.attempts.filter((a) => a.orderId === orderId);
  }

  async sentCountsByOrder(orderIds: readonly string[]): Promise<Map<string, number>> {
    const sent = (id: string) => new Set(this.attempts.filter((a) => a.orderId === id && a.status === 'sent').map((a) => a.notificationId)).size;
    return new Map(orderIds.map((id) => [id, sent(id)]));
  }

  async outcomesByChannel(since?: string): Promise<ChannelOutcome[]> {
    const counts = new Map<string, ChannelOutcome>();
    for (const a of this.attempts.filter((x) => since === undefined || x.at >= since)) {
      const key = `${a.channel ?? '\uffff'}|${a.status}`; // no channel sorts last, as in the SQL stores
      const n = counts.get(key)?.n ?? 0;
      counts.set(key, { channel: a.channel ?? null, status: a.status, n: n + 1 });
    }
    return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  }
}
