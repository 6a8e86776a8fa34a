import type { NotificationAttempt, NotificationLog } from './notification-log.port';
import type { EventDecisions, NotificationInbox } from './notification.store.port';

/**
 * Where the inbox handler writes a batch's decisions and, for each event it records, the log lines of
 * its decisions not to send. A store that holds both commits them together: one commit per batch
 * instead of two, and no recorded event is left without its lines by a crash between the two.
 */
export interface DecisionJournal {
  /** NotificationInbox.record, plus the unsent lines of every event recorded (false: already handled, no lines). */
  record(decisions: readonly EventDecisions[]): Promise<boolean[]>;
}

/** One event's decisions not to send, as the notification log shows them. */
export function unsentLinesOf(d: EventDecisions): NotificationAttempt[] {
  return (d.unsent ?? []).map((u) => ({
    orderId: u.orderId,
    notificationId: u.notificationId,
    kind: u.kind,
    status: u.reason,
    ...(u.detail ? { error: u.detail } : {}),
    at: d.at,
  }));
}

/** The decisions, then the lines, each in its own write: for a log kept apart from the inbox (or none). */
export function separateDecisionJournal(inbox: NotificationInbox, log?: NotificationLog): DecisionJournal {
  return {
    record: async (decisions) => {
      const recorded = await inbox.record(...decisions);
      const lines = decisions.filter((_, i) => recorded[i]).flatMap(unsentLinesOf);
      if (log && lines.length) await log.append(...lines);
      return recorded;
    },
  };
}
