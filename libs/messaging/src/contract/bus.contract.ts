import type { BusSubscription, MessageBus, ReceivedMessage } from '@ot/application';
import { eventually } from '@ot/testing';

/** Bus delivery is asynchronous in every adapter, and a real broker can take seconds to rebalance. */
const BUS_WAIT = { timeoutMs: 20_000, everyMs: 25 };

type Msg = { key: string; seq: number };
export type BusFactory = () => Promise<MessageBus<Msg>>;

const messages = (keys: number, perKey: number, prefix = 'k'): { key: string; value: Msg }[] =>
  Array.from({ length: perKey }, (_, seq) => Array.from({ length: keys }, (_, k) => ({ key: `${prefix}${k}`, value: { key: `${prefix}${k}`, seq } }))).flat();

const id = (m: Msg): string => `${m.key}#${m.seq}`;

/**
 * The one bus contract: every adapter (in-process, Kafka) runs it. Publishing is never awaited before
 * consumers are in place, because the in-process bus resolves publish only once groups consumed it.
 */
export function busContract(makeBus: BusFactory): void {
  let bus: MessageBus<Msg>;
  const subs: BusSubscription[] = [];
  const subscribe = async (group: string, handler: (m: ReceivedMessage<Msg>) => Promise<void>) => {
    const sub = await bus.subscribe(group, handler);
    subs.push(sub);
    return sub;
  };

  beforeEach(async () => {
    bus = await makeBus();
  });
  afterEach(async () => {
    await Promise.all(subs.splice(0).map((s) => s.stop()));
    await bus.close();
  });

  it('delivers what was published to a subscribed group, key and value intact', async () => {
    const got: ReceivedMessage<Msg>[] = [];
    await subscribe('g-basic', async (m) => void got.push(m));
    const published = bus.publish(messages(3, 1));
    await eventually(() => expect(got.map((m) => id(m.value)).sort()).toEqual(['k0#0', 'k1#0', 'k2#0']), BUS_WAIT);
    await published;
    expect(got.every((m) => m.key === m.value.key)).toBe(true);
  });

  it('keeps the order of messages with the same key', async () => {
    const seen = new Map<string, number[]>();
    await subscribe('g-order', async (m) => {
      await new Promise((r) => setTimeout(r, Math.random() * 3)); // uneven handler time must not reorder
      seen.set(m.value.key, [...(seen.get(m.value.key) ?? []), m.value.seq]);
    });
    const all = messages(5, 10);
    // Order is promised within a publish and across publishes that follow one another (as the relay does).
    const published = bus.publish(all.slice(0, 20)).then(() => bus.publish(all.slice(20)));
    await eventually(() => expect([...seen.values()].flat()).toHaveLength(50), BUS_WAIT);
    await published;
    for (const seqs of seen.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seen.get('k0')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('redelivers an unacknowledged message to the next consumer of the group after a restart', async () => {
    const first: string[] = [];
    let stuck = false;
    const a = await subscribe('g-restart', async (m) => {
      if (m.value.key === 'k1' && m.value.seq === 2) {
        stuck = true;
        return new Promise<void>(() => undefined); // the process "dies" holding it: never acknowledged
      }
      first.push(id(m.value));
    });
    const published = bus.publish(messages(3, 4));
    await eventually(() => expect(stuck).toBe(true), BUS_WAIT);
    await a.stop();
    const second: string[] = [];
    await subscribe('g-restart', async (m) => void second.push(id(m.value)));
    await eventually(() => expect(new Set([...first, ...second]).size).toBe(12), BUS_WAIT);
    await published;
    expect(second).toContain('k1#2');
    expect(first).not.toContain('k1#2');
    expect(second.filter((x) => x.startsWith('k1#'))).toEqual(['k1#2', 'k1#3']); // resumes in order, not from scratch
  });

  it('redelivers a message whose handler failed, in place', async () => {
    const attempts: string[] = [];
    await subscribe('g-fail', async (m) => {
      attempts.push(id(m.value));
      if (id(m.value) === 'k0#0' && attempts.filter((x) => x === 'k0#0').length < 3) throw new Error('transient');
    });
    const published = bus.publish(messages(1, 2));
    await eventually(() => expect(attempts).toEqual(['k0#0', 'k0#0', 'k0#0', 'k0#1']), BUS_WAIT);
    await published;
  });

  it('splits partitions between two consumers of one group: all delivered, none twice', async () => {
    const byMember: string[][] = [[], []];
    await subscribe('g-split', async (m) => void byMember[0].push(id(m.value)));
    await subscribe('g-split', async (m) => void byMember[1].push(id(m.value)));
    const published = bus.publish(messages(30, 2));
    await eventually(() => expect(byMember.flat()).toHaveLength(60), BUS_WAIT);
    await published;
    expect(new Set(byMember.flat()).size).toBe(60);
    expect(byMember[0].length).toBeGreaterThan(0);
    expect(byMember[1].length).toBeGreaterThan(0);
  });
}
