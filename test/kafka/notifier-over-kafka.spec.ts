import { describeWithKafka } from '@ot/testing';
import { kafkaNotifierHarness, waitFor } from './kafka-notifier.harness';

const ORDERS = 30; // 120 events, 90 notifications
const expectedIds = Array.from({ length: ORDERS }, (_, i) => i)
  .flatMap((i) => [1, 2, 3].map((k) => ({ order: `o${i}`, pos: i * 4 + k + 1 })))
  .map(({ order, pos }) => `${order}:${['shipped', 'out-for-delivery', 'delivered'][(pos - 2) % 4]}:${pos}`)
  .sort();

describeWithKafka('notifier end to end over a real Kafka broker', () => {
  jest.setTimeout(90_000);
  let h: Awaited<ReturnType<typeof kafkaNotifierHarness>>;
  beforeEach(async () => {
    h = await kafkaNotifierHarness();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('survives a notifier dying between recording and acknowledging: no duplicate, nothing lost', async () => {
    const started = Date.now();
    const a = await h.startNotifier();
    let dead = false;
    a.bus.dieAfter = { count: 25, onDeath: () => (dead = true) };
    await h.relay.start();
    for (let i = 0; i < ORDERS; i++) await h.appendOrder(`o${i}`);
    await waitFor(() => dead, 30_000, 'instance A to die after 25 messages');
    await h.stopNotifier(a);
    const b = await h.startNotifier(); // same group, same database: a restart
    await waitFor(() => h.push.sent.length >= expectedIds.length, 45_000, 'all notifications');
    await new Promise((r) => setTimeout(r, 500)); // a duplicate would show up now

    const ids = h.push.sent.map((m) => m.notificationId).sort();
    expect(ids).toEqual(expectedIds);
    const redelivered = b.bus.handled.filter((p) => a.bus.handled.includes(p));
    expect(redelivered.length).toBeGreaterThanOrEqual(1); // the unacknowledged message came back...
    expect(new Set([...a.bus.handled, ...b.bus.handled]).size).toBe(ORDERS * 4); // ...and every event was handled
    console.log(
      `kafka e2e restart: ${Date.now() - started} ms, A handled ${a.bus.handled.length}, B ${b.bus.handled.length}, redelivered ${redelivered.length}`,
    );
  });

  it('shares partitions between two instances; one stops mid-run and the other takes over', async () => {
    const started = Date.now();
    const a = await h.startNotifier();
    const b = await h.startNotifier();
    await h.relay.start();
    for (let i = 0; i < ORDERS / 2; i++) await h.appendOrder(`o${i}`);
    await waitFor(
      () => a.bus.handled.length > 0 && b.bus.handled.length > 0 && a.bus.handled.length + b.bus.handled.length >= 30,
      30_000,
      'both instances to work',
    );
    await h.stopNotifier(a);
    for (let i = ORDERS / 2; i < ORDERS; i++) await h.appendOrder(`o${i}`);
    await waitFor(() => h.push.sent.length >= expectedIds.length, 45_000, 'all notifications');
    await new Promise((r) => setTimeout(r, 500));

    expect(h.push.sent.map((m) => m.notificationId).sort()).toEqual(expectedIds);
    expect(new Set([...a.bus.handled, ...b.bus.handled]).size).toBe(ORDERS * 4);
    console.log(`kafka e2e two instances: ${Date.now() - started} ms, A handled ${a.bus.handled.length} before stopping, B ${b.bus.handled.length}`);
  });
});
