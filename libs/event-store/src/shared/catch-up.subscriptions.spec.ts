import type { RecordedEvent } from '@ot/application';
import { CatchUpSubscriptions } from './catch-up.subscriptions';

const event = (position: number): RecordedEvent =>
  ({
    type: 'OrderPlaced',
    data: { orderId: `o${position}` },
    streamId: `order-o${position}`,
    streamVersion: 1,
    globalPosition: position,
    recordedAt: '',
  }) as RecordedEvent;

/** A log read through a counting page reader; `during` runs while a read is in flight. */
function log() {
  const events: RecordedEvent[] = [];
  const reads: number[] = [];
  let during: (() => void) | undefined;
  const subscriptions = new CatchUpSubscriptions(async (after, limit) => {
    reads.push(after);
    const page = events.filter((e) => e.globalPosition > after).slice(0, limit);
    const hook = during;
    during = undefined;
    hook?.();
    await Promise.resolve();
    return page;
  });
  const append = (n: number) => {
    for (let i = 0; i < n; i++) events.push(event(events.length + 1));
    return events.length;
  };
  return { subscriptions, reads, append, whileReading: (f: () => void) => (during = f) };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('catch-up subscriptions', () => {
  it('woken up to a position of its own append, reads that page and no empty one after it', async () => {
    const { subscriptions, reads, append } = log();
    const seen: number[] = [];
    subscriptions.subscribe(0, async (page) => void seen.push(...page.map((e) => e.globalPosition)));
    await settle();
    expect(reads).toEqual([0]); // at start: read until a page comes back empty
    const last = append(3);
    for (let p = 1; p <= last; p++) subscriptions.wakeAll(p); // one wake per append of a group commit
    await settle();
    expect(seen).toEqual([1, 2, 3]);
    expect(reads).toEqual([0, 0]);
  });

  it('woken without a position (a poll, another process), reads until a page comes back empty', async () => {
    const { subscriptions, reads, append } = log();
    subscriptions.subscribe(0, async () => undefined);
    await settle();
    append(2);
    subscriptions.wakeAll();
    await settle();
    expect(reads).toEqual([0, 0, 2]);
  });

  it('reads again when an append raced the read that found nothing', async () => {
    const { subscriptions, append, whileReading } = log();
    const seen: number[] = [];
    subscriptions.subscribe(0, async (page) => void seen.push(...page.map((e) => e.globalPosition)));
    await settle();
    whileReading(() => {
      append(1); // committed after the read looked, before it answered
      subscriptions.wakeAll();
    });
    subscriptions.wakeAll();
    await settle();
    expect(seen).toEqual([1]);
  });
});
