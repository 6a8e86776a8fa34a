import type { Instant, SendNotification } from '@ot/domain';
import type { EventDecisions, InboxReadAhead, NotificationInbox, SentRecord } from './notification.store.port';
import type { NotifierOrderContext } from './order-context';

/** A customer's sent log as read from the inbox, from `since` on, with the batch's changes applied. */
type SentLog = { since: Instant; rows: SentRecord[] };

/**
 * The decisions of a batch not yet recorded, and the inbox as it will read once they are: every read
 * goes to the inbox once per batch (per order, per customer) and is then kept up to date in memory
 * with what record() would change. So the whole batch is decided on exactly the state one-at-a-time
 * handling would show each event, and recorded in one transaction.
 *
 * What record() does, mirrored here: the handled mark; the order context (when there is one); each
 * superseded send leaves its order's pending list and its customer's sent log if it was pending; each
 * new send joins its order's pending list and, at its notBefore, the end of its customer's sent log
 * (a digest joins its customer's digest list instead, replacing its previous version).
 * Notification ids are unique per event (the policy derives them from the event's position), so a
 * new send never collides with a stored one.
 */
export class UnrecordedDecisions {
  readonly decisions: EventDecisions[] = [];
  private readonly contexts = new Map<string, NotifierOrderContext | undefined>();
  private readonly pending = new Map<string, SendNotification[]>();
  private readonly digests = new Map<string, SendNotification[]>();
  private readonly sent = new Map<string, SentLog>();

  /** `handled`: the batch's events handled before it began; the batch adds its own (and keeps them across a record). */
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly handled: Set<number>,
  ) {}

  get size(): number {
    return this.decisions.length;
  }

  isHandled(globalPosition: number): boolean {
    return this.handled.has(globalPosition);
  }

  /**
   * Reads the batch's orders and customers at once (the inbox's readAhead), before any decision: what
   * each later read would return, so those reads cost nothing. `since`: the earliest any event will ask;
   * `earliest`: the earliest decision instant (a digest due by then is one no event of the batch touches).
   * `contextsOnly`: orders whose events decide nothing (their contexts alone are read).
   * Returns the customers read: those given and those of the deciding orders' stored contexts.
   */
  async readAhead(
    orderIds: readonly string[],
    customerIds: readonly string[],
    since: Instant,
    earliest: Instant,
    contextsOnly: readonly string[] = [],
  ): Promise<string[]> {
    if (this.size) throw new Error('read ahead before any decision: the reads must show the stored state');
    const read = await this.inbox.readAhead(orderIds, customerIds, since, earliest, contextsOnly);
    for (const orderId of contextsOnly) this.contexts.set(orderId, read.contexts.get(orderId));
    this.seed(read, since);
    return [...read.sent.keys()];
  }

  private seed(read: InboxReadAhead, since: Instant): void {
    for (const [orderId, list] of read.pending) {
      this.contexts.set(orderId, read.contexts.get(orderId));
      this.pending.set(orderId, list);
    }
    for (const [customerId, rows] of read.sent) this.sent.set(customerId, { since, rows });
    for (const [customerId, list] of read.digests) this.digests.set(customerId, list);
  }

  async orderContext(orderId: string): Promise<NotifierOrderContext | undefined> {
    if (!this.contexts.has(orderId)) this.contexts.set(orderId, await this.inbox.orderContext(orderId));
    return this.contexts.get(orderId);
  }

  async pendingFor(orderId: string): Promise<SendNotification[]> {
    let list = this.pending.get(orderId);
    if (!list) this.pending.set(orderId, (list = await this.inbox.pendingFor(orderId)));
    return [...list];
  }

  async digestsFor(customerId: string): Promise<SendNotification[]> {
    let list = this.digests.get(customerId);
    if (!list) this.digests.set(customerId, (list = await this.inbox.pendingDigests(customerId)));
    return [...list];
  }

  /** Undefined when the log was read from a later instant than `since` (the caller records and starts afresh). */
  async sentTo(customerId: string, since: Instant): Promise<SentRecord[] | undefined> {
    let log = this.sent.get(customerId);
    if (!log) this.sent.set(customerId, (log = { since, rows: await this.inbox.sentTo(customerId, since) }));
    if (since < log.since) return undefined;
    return since === log.since ? [...log.rows] : log.rows.filter((r) => r.at >= since);
  }

  /**
   * Reads what adding `d` will update (the orders and customers of its sends and superseded sends), so
   * the in-memory copies start from the stored state. False when that cannot be done from this batch's
   * reads: the caller records what it has and starts afresh.
   */
  private async touch(d: EventDecisions, since: Instant): Promise<boolean> {
    for (const s of d.sends) {
      if (s.kind === 'digest') await this.digestsFor(s.customerId);
      else await this.pendingFor(s.orderId);
      if (!(await this.sentTo(s.customerId, since))) return false;
    }
    for (const id of d.superseded) {
      const gone = this.findPending(id);
      if (!gone || !(await this.sentTo(gone.send.customerId, since))) return false; // a send of an order not read in this batch
    }
    return true;
  }

  /**
   * Adds one event's decisions (none: nothing to add). False, adding nothing, when they touch stored
   * state this batch has not read and cannot read exactly any more (see touch).
   */
  async add(d: EventDecisions | undefined, since: Instant): Promise<boolean> {
    if (!d) return true;
    if (!(await this.touch(d, since))) return false;
    this.decisions.push(d);
    this.handled.add(d.globalPosition);
    if (d.order) this.contexts.set(d.orderId, d.order);
    for (const id of d.superseded) {
      const gone = this.findPending(id)!;
      gone.list.splice(gone.list.indexOf(gone.send), 1);
      const log = this.sent.get(gone.send.customerId)!;
      log.rows = log.rows.filter((r) => r.notificationId !== id);
    }
    for (const s of d.sends) {
      const log = this.sent.get(s.customerId)!;
      if (s.kind === 'digest') {
        // A queued digest is replaced by its new version: one row, never an order's pending send.
        const digests = this.digests.get(s.customerId)!;
        const at = digests.findIndex((x) => x.notificationId === s.notificationId);
        if (at >= 0) digests[at] = s;
        else digests.push(s);
        if (log.rows.some((r) => r.notificationId === s.notificationId)) continue;
      } else this.pending.get(s.orderId)!.push(s);
      if (s.notBefore >= log.since) log.rows.push({ notificationId: s.notificationId, orderId: s.orderId, kind: s.kind, at: s.notBefore });
    }
    return true;
  }

  private findPending(id: string): { list: SendNotification[]; send: SendNotification } | undefined {
    for (const list of this.pending.values()) {
      const send = list.find((s) => s.notificationId === id);
      if (send) return { list, send };
    }
    return undefined;
  }
}
