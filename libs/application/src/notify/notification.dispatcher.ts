import { namesPastDay, orderIdsOf, quietHoursHold, type Channel, type CustomerPreferences, type Instant, type SendNotification } from '@ot/domain';
import { SendFailure, type ChannelSender } from '../ports/channel-sender.port';
import type { Clock } from '../ports/clock.port';
import { noTelemetry, type Telemetry } from '../ports/telemetry.port';
import type { NotificationAttempt, NotificationLog } from './notification-log.port';
import type { NotificationOutbox, QueuedSend } from './notification.store.port';
import type { NotificationRenderer } from './notifier-policy.port';
import type { PreferencesStore } from './preferences.store.port';
import { recipientsOf } from './recipients';
import { DEFAULT_BACKOFF, retryDelayMs, stableJitter, type BackoffOptions } from './retry-backoff';
import { separateSentJournal, type SentJournal } from './sent-journal.port';

export type DispatcherOptions = Readonly<{
  /** Attempts in all (the first included) before a transient failure becomes a dead letter. */
  maxAttempts: number;
  backoff: BackoffOptions;
  /** How long a claimed send is ours; a dispatcher that dies mid-send gives it back after this. */
  leaseMs: number;
  batchSize: number;
  /** Jitter in [0, 1) for a send's attempt; stable by default so replays retry alike. */
  random: (notificationId: string, attempt: number) => number;
  telemetry: Telemetry;
  /** Writes a delivered send's lines and mark; by default the log, then the outbox, apart. */
  journal?: SentJournal;
}>;

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  maxAttempts: 6,
  backoff: DEFAULT_BACKOFF,
  leaseMs: 60_000,
  batchSize: 50,
  random: stableJitter,
  telemetry: noTelemetry,
};

/** What one pass over a send ended with. */
type Outcome = { sent: true } | { sent: false; retry?: { error: string; retryAfterMs?: number }; dead?: string };

/** What one send's attempts wrote to the log so far, written with its outcome. */
type Lines = NotificationAttempt[];

/**
 * Sends what is due, on the Clock. Each send is stamped with the instant it became due (its notBefore,
 * a retry's time), not the instant this loop happened to wake, so two replays of the same events send
 * byte-identical messages; retries are scheduled from that instant too. Channels are tried in the order the policy chose; a missing contact or an invalid
 * recipient falls through to the next one (a dead device token is also removed from the preferences).
 * A transient failure reschedules the whole send with backoff, up to maxAttempts; a permanent failure
 * is not retried and goes to the dead letters. Every attempt lands in the notification log.
 */
export class NotificationDispatcher {
  private readonly options: DispatcherOptions;
  private readonly journal: SentJournal;

  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly preferences: PreferencesStore,
    private readonly log: NotificationLog,
    private readonly senders: ReadonlyMap<Channel, ChannelSender>,
    private readonly render: NotificationRenderer,
    private readonly clock: Clock,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
    this.journal = this.options.journal ?? separateSentJournal(outbox, log);
  }

  /** One pass: claims the due sends and works through them. Returns how many it took. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs).toISOString();
    const due = await this.outbox.claimDue(now.toISOString(), leaseUntil, this.options.batchSize);
    for (const send of due) await this.dispatch(send);
    this.options.telemetry.dispatcherTicked(new Date()); // wall time: health asks whether the loop still turns
    return due.length;
  }

  private async dispatch(send: QueuedSend): Promise<void> {
    const attempts = send.attempts + 1;
    const prefs = await this.preferences.get(send.customerId);
    // A digest emptied by its orders' ends has nothing to say (each withdrawal was logged when decided).
    if (send.kind === 'digest' && !orderIdsOf(send).length) return this.outbox.drop(send.notificationId);
    // Re-checked on release: date news held overnight may name a day that is now past.
    const stale = prefs && namesPastDay(send, send.dueAt, prefs.timeZone);
    if (stale) {
      await this.outbox.drop(send.notificationId);
      return this.log.append(...this.note([], send, { status: 'stale', error: stale }));
    }
    // Re-checked on release too: quiet hours set (or a zone moved to) since it was queued hold it to their end, no attempt spent.
    const quietUntil = prefs && quietHoursHold(send, send.dueAt, prefs);
    if (quietUntil && quietUntil > send.dueAt) {
      await this.outbox.reschedule(send.notificationId, send.attempts, quietUntil, `held-quiet-hours until ${quietUntil}`, send.dueAt);
      return this.log.append(...this.note([], send, { status: 'held-quiet-hours', error: `until ${quietUntil}` }));
    }
    const lines: Lines = [];
    const outcome: Outcome = prefs ? await this.tryChannels(send, prefs, lines) : { sent: false, dead: 'no preferences for customer' };
    const at = send.dueAt;
    if (outcome.sent) return this.journal.sent(send.notificationId, at, lines);
    if (lines.length) await this.log.append(...lines);
    if (outcome.retry && attempts < this.options.maxAttempts) {
      const delay = retryDelayMs(attempts, outcome.retry.retryAfterMs, this.options.backoff, () => this.options.random(send.notificationId, attempts));
      return this.outbox.reschedule(send.notificationId, attempts, new Date(Date.parse(at) + delay).toISOString(), outcome.retry.error);
    }
    const reason = outcome.retry ? `gave up after ${attempts} attempts: ${outcome.retry.error}` : (outcome.dead ?? 'unknown');
    await this.outbox.deadLetter(send.notificationId, reason, attempts, at);
    await this.log.append(...this.note([], send, { status: 'dead-lettered', error: reason }));
  }

  private async tryChannels(send: QueuedSend, prefs: CustomerPreferences, lines: Lines): Promise<Outcome> {
    for (const channel of send.channels) {
      const sender = this.senders.get(channel);
      if (!sender) {
        this.note(lines, send, { channel, status: 'no-sender', error: `no ${channel} sender configured` });
        continue;
      }
      const recipients = recipientsOf(channel, prefs);
      if (!recipients.length) this.note(lines, send, { channel, status: 'no-contact' });
      const { title, text, html, link } = this.render(send, prefs, send.dueAt, channel);
      const orderIds = orderIdsOf(send);
      const message = {
        notificationId: send.notificationId,
        orderId: orderIds[0],
        ...(send.kind === 'digest' ? { orderIds } : {}),
        kind: send.kind,
        sentAt: send.dueAt,
      };
      for (const to of recipients) {
        try {
          const { providerMessageId } = await sender.send({ ...message, channel, to, title, text, html, data: appDataOf(send, orderIds, link) });
          this.note(lines, send, { channel, status: 'sent', providerMessageId });
          return { sent: true };
        } catch (error) {
          const failure = error instanceof SendFailure ? error : new SendFailure('transient', String((error as Error)?.message ?? error));
          const detail = failure.providerCode ? `${failure.providerCode}: ${failure.message}` : failure.message;
          if (failure.kind === 'invalid-recipient') {
            this.note(lines, send, { channel, status: 'invalid-recipient', error: detail });
            if (channel === 'push') await this.preferences.removeDeviceToken(send.customerId, to);
            continue; // next device, then next channel
          }
          if (failure.kind === 'permanent') {
            this.note(lines, send, { channel, status: 'permanent-failure', error: detail });
            return { sent: false, dead: `permanent failure on ${channel}: ${detail}` };
          }
          this.note(lines, send, { channel, status: 'transient-failure', error: detail });
          return { sent: false, retry: { error: `${channel}: ${detail}`, retryAfterMs: failure.retryAfterMs } };
        }
      }
    }
    return { sent: false, dead: 'no reachable channel (no contact, no sender or invalid recipients)' };
  }

  /** Adds one line per order the send is about (a digest shows in each of its orders' logs), at the instant the attempt was due. */
  private note(lines: Lines, send: QueuedSend, attempt: Omit<NotificationAttempt, 'orderId' | 'notificationId' | 'kind' | 'at'>): Lines {
    this.options.telemetry.notificationAttempt(attempt.channel, attempt.status);
    const correlation = send.requestId ? { requestId: send.requestId } : {};
    for (const orderId of orderIdsOf(send))
      lines.push({ orderId, notificationId: send.notificationId, kind: send.kind, at: send.dueAt, ...correlation, ...attempt });
    return lines;
  }
}

/** Push data for the app: strings only (FCM), ISO calendar dates, only the facts that are known; link: the order page to open. */
function appDataOf(send: SendNotification, orderIds: readonly string[], link?: string): Record<string, string> {
  const { newExpected, promisedBy } = send.facts;
  const dates: Record<string, Instant | undefined> = { expected: newExpected, promised: promisedBy };
  const known = Object.entries(dates).filter((e): e is [string, string] => !!e[1]);
  return {
    orderId: orderIds[0],
    kind: send.kind,
    ...(send.kind === 'digest' ? { orderIds: orderIds.join(',') } : {}),
    ...Object.fromEntries(known),
    ...(link ? { link } : {}),
  };
}
