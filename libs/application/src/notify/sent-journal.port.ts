import type { Instant } from '@ot/domain';
import type { NotificationAttempt, NotificationLog } from './notification-log.port';
import type { NotificationOutbox } from './notification.store.port';

/**
 * Where the dispatcher writes a delivered send: its attempt lines and its outbox mark. A store that
 * holds both commits them together, one commit per send instead of two; a crash still costs at most
 * the one send in flight, as when they were apart.
 */
export interface SentJournal {
  sent(notificationId: string, at: Instant, lines: readonly NotificationAttempt[]): Promise<void>;
}

/** The lines, then the mark, each in its own write: for a log and an outbox kept in different stores. */
export function separateSentJournal(outbox: NotificationOutbox, log: NotificationLog): SentJournal {
  return {
    sent: async (notificationId, at, lines) => {
      if (lines.length) await log.append(...lines);
      await outbox.markSent(notificationId, at);
    },
  };
}
