import type { SendNotification } from '@ot/domain';
import {
  FakeClock,
  InMemoryNotificationLog,
  InMemoryNotificationStore,
  InMemoryPreferencesStore,
  invalidRecipient,
  permanent,
  preferencesOf,
  RecordingChannelSender,
  transient,
} from '@ot/testing';
import type { NotificationAttempt } from './notification-log.port';
import { NotificationDispatcher } from './notification.dispatcher';
import { retryDelayMs, stableJitter } from './retry-backoff';

const T0 = '2026-01-02T12:00:00.000Z';
const send = (over: Partial<SendNotification> = {}): SendNotification => ({
  notificationId: 'o1:out-for-delivery:3',
  orderId: 'o1',
  customerId: 'c1',
  kind: 'out-for-delivery',
  urgent: true,
  channels: ['push', 'sms'],
  notBefore: T0,
  facts: { orderId: 'o1' },
  ...over,
});

async function setup(prefs = preferencesOf('c1')) {
  const clock = new FakeClock(T0);
  const outbox = new InMemoryNotificationStore();
  const preferences = new InMemoryPreferencesStore();
  await preferences.put(prefs);
  const push = new RecordingChannelSender('push');
  const sms = new RecordingChannelSender('sms');
  const log = new InMemoryNotificationLog();
  const render = () => ({ title: 'Out for delivery', text: 'Today' });
  const dispatcher = new NotificationDispatcher(
    outbox,
    preferences,
    log,
    new Map([
      ['push', push],
      ['sms', sms],
    ]),
    render,
    clock,
    {
      maxAttempts: 3,
      backoff: { baseDelayMs: 10_000, maxDelayMs: 60_000 },
      random: () => 0.5,
    },
  );
  const queue = (s = send()) => outbox.record({ globalPosition: 3, orderId: s.orderId, sends: [s], superseded: [], at: T0 });
  const statuses = () => log.attempts.map((a) => `${a.channel ?? '-'}:${a.status}`);
  return { clock, outbox, preferences, push, sms, log, dispatcher, queue, statuses };
}

describe('NotificationDispatcher', () => {
  it("hands a delivered send's attempt lines and its mark to the journal in one call (one commit where the store can)", async () => {
    const t = await setup();
    const calls: { id: string; at: string; lines: string[] }[] = [];
    const journal = {
      sent: async (id: string, at: string, lines: readonly NotificationAttempt[]) =>
        void calls.push({ id, at, lines: lines.map((l) => `${l.channel}:${l.status}`) }),
    };
    const dispatcher = new NotificationDispatcher(t.outbox, t.preferences, t.log, new Map([['sms', t.sms]]), () => ({ title: 't', text: 't' }), t.clock, {
      journal,
    });
    await t.queue();
    expect(await dispatcher.tick()).toBe(1);
    expect(calls).toEqual([{ id: 'o1:out-for-delivery:3', at: T0, lines: ['push:no-sender', 'sms:sent'] }]);
    expect(t.log.attempts).toEqual([]); // nothing written apart
  });

  it('waits for notBefore', async () => {
    const t = await setup();
    await t.queue(send({ notBefore: '2026-01-02T12:05:00.000Z' }));
    expect(await t.dispatcher.tick()).toBe(0);
    t.clock.advance(5 * 60_000);
    expect(await t.dispatcher.tick()).toBe(1);
    expect(t.push.sent).toHaveLength(1);
  });

  it("stamps a send with the instant it became due, however late the loop wakes, and carries the app's facts", async () => {
    const t = await setup();
    await t.queue(send({ notBefore: '2026-01-02T12:05:00.000Z', facts: { orderId: 'o1', newExpected: '2026-01-05', promisedBy: '2026-01-04' } }));
    t.clock.advance(3 * 3_600_000);
    await t.dispatcher.tick();
    expect(t.push.sent).toEqual([
      expect.objectContaining({
        notificationId: 'o1:out-for-delivery:3',
        orderId: 'o1',
        kind: 'out-for-delivery',
        sentAt: '2026-01-02T12:05:00.000Z',
        data: { orderId: 'o1', kind: 'out-for-delivery', expected: '2026-01-05', promised: '2026-01-04' },
      }),
    ]);
    expect(t.log.attempts.map((a) => a.at)).toEqual(['2026-01-02T12:05:00.000Z']);
  });

  it('re-checks date news on release: held overnight into a day after its new date, it is dropped and logged, never sent', async () => {
    const t = await setup();
    await t.queue(send({ kind: 'eta-changed', urgent: false, notBefore: '2026-01-03T08:00:00.000Z', facts: { orderId: 'o1', newExpected: '2026-01-02' } }));
    t.clock.set('2026-01-03T08:00:00.000Z');
    expect(await t.dispatcher.tick()).toBe(1);
    t.clock.advance(3_600_000);
    expect(await t.dispatcher.tick()).toBe(0);
    expect(t.push.tried).toEqual([]);
    expect(t.log.attempts).toEqual([
      {
        orderId: 'o1',
        notificationId: 'o1:out-for-delivery:3',
        kind: 'eta-changed',
        status: 'stale',
        error: 'names 2026-01-02, a day already past',
        at: '2026-01-03T08:00:00.000Z',
      },
    ]);
  });

  it("re-checks quiet hours on release with the customer's preferences now: set since it was queued, it waits for their end", async () => {
    // queued at 12:00 UTC for 23:30 (a storage reminder, days ahead); the customer has since asked for quiet 22:00-08:00
    const t = await setup(preferencesOf('c1', { quietHours: { start: '22:00', end: '08:00' } }));
    const NIGHT = '2026-01-02T23:30:00.000Z';
    const MORNING = '2026-01-03T08:00:00.000Z';
    await t.queue(send({ kind: 'shipped', urgent: false, notBefore: NIGHT }));
    t.clock.set(NIGHT);
    expect(await t.dispatcher.tick()).toBe(1);
    expect(t.push.tried).toEqual([]);
    expect(t.log.attempts).toEqual([expect.objectContaining({ status: 'held-quiet-hours', error: `until ${MORNING}`, at: NIGHT })]);
    t.clock.set('2026-01-03T07:59:00.000Z');
    expect(await t.dispatcher.tick()).toBe(0);
    t.clock.set(MORNING);
    expect(await t.dispatcher.tick()).toBe(1);
    expect(t.push.sent).toEqual([expect.objectContaining({ kind: 'shipped', sentAt: MORNING })]);
  });

  it('never holds a storage reminder past the deadline it is about: after it, the parcel is gone', async () => {
    const t = await setup(preferencesOf('c1', { quietHours: { start: '22:00', end: '08:00' }, channels: { 'storage-last-day': ['push'] } }));
    const NIGHT = '2026-01-02T23:30:00.000Z';
    const pickupPoint = { address: 'Rua A, 1', storageDeadline: '2026-01-03T06:00:00.000Z' }; // before the quiet hours end
    await t.queue(send({ kind: 'storage-last-day', urgent: false, notBefore: NIGHT, facts: { orderId: 'o1', pickupPoint } }));
    t.clock.set(NIGHT);
    await t.dispatcher.tick();
    expect(t.push.sent).toEqual([expect.objectContaining({ kind: 'storage-last-day', sentAt: NIGHT })]);
  });

  it('sends urgent news at night all the same, as the policy does', async () => {
    const t = await setup(preferencesOf('c1', { quietHours: { start: '22:00', end: '08:00' } }));
    const NIGHT = '2026-01-02T23:30:00.000Z';
    await t.queue(send({ notBefore: NIGHT }));
    t.clock.set(NIGHT);
    await t.dispatcher.tick();
    expect(t.push.sent).toEqual([expect.objectContaining({ kind: 'out-for-delivery', sentAt: NIGHT })]);
  });

  it('sends a digest once, naming its orders, and logs it under each of them', async () => {
    const t = await setup();
    const items = ['o1', 'o2'].map((orderId) => ({ orderId, kind: 'shipped' as const, facts: { orderId } }));
    await t.queue(send({ notificationId: 'digest:c1:slot', kind: 'digest', urgent: false, facts: { orderId: 'o1', digest: items } }));
    await t.dispatcher.tick();
    expect(t.push.sent.map((m) => [m.orderId, m.orderIds, m.kind, m.data])).toEqual([
      ['o1', ['o1', 'o2'], 'digest', { orderId: 'o1', kind: 'digest', orderIds: 'o1,o2' }],
    ]);
    expect(t.log.attempts.map((a) => [a.orderId, a.notificationId, a.status])).toEqual([
      ['o1', 'digest:c1:slot', 'sent'],
      ['o2', 'digest:c1:slot', 'sent'],
    ]);
  });

  it('retries a transient failure with backoff, not sooner than Retry-After, then sends', async () => {
    const t = await setup();
    t.push.failNext('tok-1', transient(), transient(90_000));
    await t.queue();
    await t.dispatcher.tick(); // attempt 1 fails: backoff 10 s * (0.5 + 0.25) = 7.5 s
    t.clock.advance(7_499);
    expect(await t.dispatcher.tick()).toBe(0);
    t.clock.advance(1);
    expect(await t.dispatcher.tick()).toBe(1); // attempt 2 fails, provider says 90 s
    t.clock.advance(89_999);
    expect(await t.dispatcher.tick()).toBe(0);
    t.clock.advance(1);
    expect(await t.dispatcher.tick()).toBe(1);
    expect(t.push.sent).toHaveLength(1);
    expect(t.sms.tried).toHaveLength(0); // transient is retried on the same channel, not fallen through
    expect(t.statuses()).toEqual(['push:transient-failure', 'push:transient-failure', 'push:sent']);
    expect(t.log.attempts[2]).toMatchObject({
      orderId: 'o1',
      notificationId: 'o1:out-for-delivery:3',
      kind: 'out-for-delivery',
      providerMessageId: 'push-1',
      at: '2026-01-02T12:01:37.500Z',
    });
  });

  it('gives up after maxAttempts into the dead letters; a re-drive sends it', async () => {
    const t = await setup();
    t.push.failNext('tok-1', transient(), transient(), transient());
    await t.queue();
    for (let i = 0; i < 3; i++) {
      await t.dispatcher.tick();
      t.clock.advance(60_000);
    }
    expect(t.push.tried).toHaveLength(3);
    expect(await t.dispatcher.tick()).toBe(0);
    const [dead] = await t.outbox.deadLetters();
    expect(dead).toMatchObject({ notificationId: 'o1:out-for-delivery:3', attempts: 3 });
    expect(dead.reason).toMatch(/gave up after 3 attempts/);
    expect(t.statuses().at(-1)).toBe('-:dead-lettered');

    expect(await t.outbox.redrive(dead.notificationId, t.clock.now().toISOString())).toBe(true);
    expect(await t.outbox.redrive('nope', t.clock.now().toISOString())).toBe(false);
    await t.dispatcher.tick();
    expect(t.push.sent).toHaveLength(1);
    expect(await t.outbox.deadLetters()).toEqual([]);
  });

  it('does not retry a permanent failure, nor fall back: straight to the dead letters', async () => {
    const t = await setup();
    t.push.failNext('tok-1', permanent());
    await t.queue();
    await t.dispatcher.tick();
    t.clock.advance(3_600_000);
    expect(await t.dispatcher.tick()).toBe(0);
    expect(t.push.tried).toHaveLength(1);
    expect(t.sms.tried).toHaveLength(0);
    expect((await t.outbox.deadLetters())[0].reason).toMatch(/permanent failure on push: 400/);
  });

  it('removes an invalid device token, tries the next one, then falls back to SMS', async () => {
    const t = await setup(preferencesOf('c1', { contacts: { deviceTokens: ['tok-dead', 'tok-old'], phone: '+15550001111' } }));
    t.push.failNext('tok-dead', invalidRecipient()).failNext('tok-old', invalidRecipient());
    await t.queue();
    await t.dispatcher.tick();
    expect(t.sms.sent.map((m) => m.to)).toEqual(['+15550001111']);
    expect((await t.preferences.get('c1'))?.contacts.deviceTokens).toEqual([]);
    expect(t.statuses()).toEqual(['push:invalid-recipient', 'push:invalid-recipient', 'sms:sent']);
  });

  it('falls back when a channel has no contact; dead-letters when no channel can reach the customer', async () => {
    const t = await setup(preferencesOf('c1', { contacts: { deviceTokens: [] } }));
    await t.queue();
    await t.dispatcher.tick();
    expect(t.statuses()).toEqual(['push:no-contact', 'sms:no-contact', '-:dead-lettered']);
    expect((await t.outbox.deadLetters())[0].reason).toMatch(/no reachable channel/);
  });

  it('treats an unclassified error as transient', async () => {
    const t = await setup();
    t.push.failNext('tok-1', new Error('socket hang up') as never);
    await t.queue();
    await t.dispatcher.tick();
    expect(t.statuses()).toEqual(['push:transient-failure']);
  });
});

describe('stableJitter', () => {
  it('is the same for the same send and attempt, spread over [0, 1) across sends', () => {
    expect(stableJitter('o1:shipped:2', 1)).toBe(stableJitter('o1:shipped:2', 1));
    const values = Array.from({ length: 1000 }, (_, i) => stableJitter(`o${i}:shipped:${i}`, 1));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(values.filter((v) => v < 0.5).length).toBeGreaterThan(400);
    expect(values.filter((v) => v < 0.5).length).toBeLessThan(600);
    expect(new Set(values).size).toBe(1000);
  });
});

describe('retryDelayMs', () => {
  const options = { baseDelayMs: 1000, maxDelayMs: 8000 };
  it('doubles per attempt with jitter in [half, full], capped', () => {
    expect(retryDelayMs(1, undefined, options, () => 0)).toBe(500);
    expect(retryDelayMs(1, undefined, options, () => 1)).toBe(1000);
    expect(retryDelayMs(3, undefined, options, () => 1)).toBe(4000);
    expect(retryDelayMs(10, undefined, options, () => 1)).toBe(8000);
    expect(retryDelayMs(1, 30_000, options, () => 1)).toBe(30_000);
  });
});
