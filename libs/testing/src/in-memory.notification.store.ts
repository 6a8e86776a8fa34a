import type { Instant, SendNotification } from '@ot/domain';
import type { DeadLetter, EventDecisions, NotificationInbox, NotificationOutbox, NotifierOrderContext, QueuedSend, SentRecord } from '@ot/application';
import { customersToRead } from '@ot/application';

type Status = 'pending' | 'sent' | 'dead' | 'superseded';
/** `seq`: insertion order, which ties in claimDue keep (as a scan of `rows` in order would). */
type Row = Omit<QueuedSend, 'facts' | 'dueAt'> & {
  facts: SendNotification['facts'];
  status: Status;
  sentAt?: Instant;
  lastError?: string;
  dead?: DeadLetter;
  /** The instant it was due when claimed, kept while leases run out (a dead dispatcher's send is claimed again as the same message). */
  claimedDueAt?: Instant;
  /** Held by quiet hours only, due from then (the send's heldFrom, or the dispatcher's hold): the held_from column. */
  quietFrom?: Instant;
  seq: number;
};

/** Inbox and outbox for specs and tests; one object, so record() is atomic. */
export class InMemoryNotificationStore implements NotificationInbox, NotificationOutbox {
  private readonly handledMarks = new Set<number>();
  private readonly orders = new Map<string, NotifierOrderContext>();
  private readonly rows = new Map<string, Row>();
  // Indexes, so no call scans every row (a replay made that quadratic). Rows are never removed.
  private readonly byCustomer = new Map<string, Row[]>();
  private readonly byOrder = new Map<string, Row[]>();
  private readonly pending = new Set<Row>();

  async handled(globalPositions: readonly number[]): Promise<ReadonlySet<number>> {
    return new Set(globalPositions.filter((p) => this.handledMarks.has(p)));
  }

  async orderContext(orderId: string): Promise<NotifierOrderContext | undefined> {
    return this.orders.get(orderId);
  }

  async sentTo(customerId: string, since: Instant): Promise<SentRecord[]> {
    return (this.byCustomer.get(customerId) ?? [])
      .filter((r) => r.status === 'pending' || r.status === 'sent')
      .map((r) => ({ notificationId: r.notificationId, orderId: r.orderId, kind: r.kind, at: r.sentAt ?? r.notBefore }))
      .filter((r) => r.at >= since);
  }

  async pendingFor(orderId: string): Promise<SendNotification[]> {
    return (this.byOrder.get(orderId) ?? []).filter((r) => r.status === 'pending' && r.kind !== 'digest').map(toSend);
  }

  async pendingDigests(customerId: string, dueAfter: Instant = ''): Promise<SendNotification[]> {
    return (this.byCustomer.get(customerId) ?? []).filter((r) => r.status === 'pending' && r.kind === 'digest' && r.notBefore > dueAfter).map(toSend);
  }

  async readAhead(orderIds: readonly string[], customerIds: readonly string[], since: Instant, digestsAfter: Instant, contextsOnly: readonly string[] = []) {
    const contexts = new Map([...orderIds, ...contextsOnly].flatMap((o) => (this.orders.has(o) ? [[o, this.orders.get(o)!] as const] : [])));
    const customers = customersToRead(contexts, orderIds, customerIds);
    const each = async <T>(ids: readonly string[], read: (id: string) => Promise<T>) =>
      new Map(await Promise.all(ids.map(async (id) => [id, await read(id)] as const)));
    return {
      contexts,
      pending: await each(orderIds, (o) => this.pendingFor(o)),
      sent: await each(customers, (c) => this.sentTo(c, since)),
      digests: await each(customers, (c) => this.pendingDigests(c, digestsAfter)),
    };
  }

  /** Synchronous, so the batch is atomic: nothing else runs between its events. */
  async record(...batch: readonly EventDecisions[]): Promise<boolean[]> {
    return batch.map((d) => this.recordOne(d));
  }

  private recordOne(d: EventDecisions): boolean {
    if (this.handledMarks.has(d.globalPosition)) return false;
    this.handledMarks.add(d.globalPosition);
    if (d.order) this.orders.set(d.orderId, d.order);
    for (const id of d.superseded) {
      const row = this.rows.get(id);
      if (row?.status === 'pending') this.setStatus(row, 'superseded');
    }
    for (const s of d.sends) {
      const queued = this.rows.get(s.notificationId);
      if (queued?.status === 'pending' && s.kind === 'digest') queued.facts = s.facts;
      if (queued) continue;
      const row: Row = { ...s, attempts: 0, nextAttemptAt: s.notBefore, status: 'pending', quietFrom: s.heldFrom, seq: this.rows.size };
      this.rows.set(s.notificationId, row);
      push(this.byCustomer, s.customerId, row);
      push(this.byOrder, s.orderId, row);
      this.pending.add(row);
    }
    return true;
  }

  async claimDue(now: Instant, leaseUntil: Instant, limit: number): Promise<QueuedSend[]> {
    const due = [...this.pending]
      .filter((r) => r.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.seq - b.seq)
      .slice(0, limit);
    return due.map((r) => {
      const dueAt = r.claimedDueAt ?? r.nextAttemptAt; // a lease that ran out: the same message again
      Object.assign(r, { nextAttemptAt: leaseUntil, claimedDueAt: dueAt });
      return { ...toSend(r), attempts: r.attempts, nextAttemptAt: leaseUntil, dueAt };
    });
  }

  async markSent(id: string, at: Instant): Promise<void> {
    const r = this.row(id);
    this.setStatus(r, 'sent');
    r.sentAt = at;
  }

  async drop(id: string): Promise<void> {
    this.setStatus(this.row(id), 'superseded');
  }

  async reschedule(id: string, attempts: number, nextAttemptAt: Instant, error: string, heldFrom?: Instant): Promise<void> {
    Object.assign(this.row(id), { attempts, nextAttemptAt, lastError: error, claimedDueAt: undefined, quietFrom: heldFrom });
  }

  async releaseQuietHolds(customerId: string, now: Instant): Promise<number> {
    const held = (this.byCustomer.get(customerId) ?? []).filter(
      (r) => r.status === 'pending' && r.quietFrom !== undefined && r.claimedDueAt === undefined && r.nextAttemptAt > now,
    );
    for (const r of held) {
      const from = r.quietFrom! > now ? r.quietFrom! : now;
      Object.assign(r, { nextAttemptAt: from < r.nextAttemptAt ? from : r.nextAttemptAt, quietFrom: undefined }); // never later
    }
    return held.length;
  }

  async deadLetter(id: string, reason: string, attempts: number, at: Instant): Promise<void> {
    const r = this.row(id);
    this.setStatus(r, 'dead');
    Object.assign(r, { attempts, dead: { notificationId: id, orderId: r.orderId, customerId: r.customerId, kind: r.kind, reason, attempts, at } });
  }

  async backlog(): Promise<{ pending: number; dead: number }> {
    return { pending: this.pending.size, dead: [...this.rows.values()].filter((r) => r.status === 'dead').length };
  }

  async deadLetters(): Promise<DeadLetter[]> {
    return [...this.rows.values()].filter((r) => r.status === 'dead' && r.dead).map((r) => r.dead!); // operator call, not per event
  }

  async redrive(id: string, now: Instant): Promise<boolean> {
    const r = this.rows.get(id);
    if (r?.status !== 'dead') return false;
    this.setStatus(r, 'pending');
    Object.assign(r, { attempts: 0, nextAttemptAt: now, dead: undefined, claimedDueAt: undefined });
    return true;
  }

  private setStatus(r: Row, status: Status): void {
    r.status = status;
    if (status === 'pending') this.pending.add(r);
    else this.pending.delete(r);
  }

  private row(id: string): Row {
    const r = this.rows.get(id);
    if (!r) throw new Error(`no queued notification ${id}`);
    return r;
  }
}

function push(index: Map<string, Row[]>, key: string, row: Row): void {
  const list = index.get(key);
  if (list) list.push(row);
  else index.set(key, [row]);
}

function toSend(r: Row): SendNotification {
  const { notificationId, orderId, customerId, kind, urgent, channels, notBefore, facts } = r;
  const send = { notificationId, orderId, customerId, kind, urgent, channels, notBefore, facts };
  return r.heldFrom ? { ...send, heldFrom: r.heldFrom } : send;
}
