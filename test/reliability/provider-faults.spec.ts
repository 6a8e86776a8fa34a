import { type ChannelSender, NotificationDispatcher } from '@ot/application';
import type { Channel, CustomerPreferences, SendNotification } from '@ot/domain';
import { createFcmPushSender, createTwilioClient, SmtpEmailSender, TwilioSmsSender } from '@ot/channels';
import { FakeClock, InMemoryNotificationLog, InMemoryNotificationStore, InMemoryPreferencesStore, preferencesOf } from '@ot/testing';
import { deleteApp, getApps } from 'firebase-admin/app';
import nock from 'nock';
import { createTransport } from 'nodemailer';
import {
  FCM,
  fakeFcm,
  fakeTwilio,
  faultySmtpRelay,
  fcmServiceAccount,
  interceptProviders,
  TWILIO,
  TWILIO_FROM,
  TWILIO_SID,
  TWILIO_TOKEN,
  type WireRequest,
} from './support/provider-fakes.support';

/**
 * Provider faults through the REAL senders: firebase-admin and the Twilio SDK against nock at the HTTP
 * layer, nodemailer against a loopback SMTP relay that can hang. The NotificationDispatcher runs on a
 * fake clock with deterministic jitter (random = 0.5, so a backoff is 0.75 * base * 2^(n-1)); the suite
 * steps the clock to one millisecond before each expected retry (nothing is claimed) and then to it.
 */
const T0 = '2026-01-02T12:00:00.000Z';
const BASE_MS = 10_000;
const backoffMs = (failedAttempts: number) => 0.75 * BASE_MS * 2 ** (failedAttempts - 1);
const PHONE = '+15551234567';
const EMAIL = 'ann@customer.test';
const PROVIDER_CALL = new Set(['sent', 'transient-failure', 'permanent-failure', 'invalid-recipient']);

let relay: Awaited<ReturnType<typeof faultySmtpRelay>>;
let restore: () => void;
let appSeq = 0;
const report: string[] = [];

beforeAll(async () => {
  restore = interceptProviders();
  relay = await faultySmtpRelay();
});
afterEach(async () => {
  nock.cleanAll();
  await Promise.all(getApps().map((app) => deleteApp(app)));
});
afterAll(async () => {
  restore();
  await relay.close();
  process.stdout.write(`\nprovider faults (real senders, fake clock):\n${report.map((l) => `  ${l}`).join('\n')}\n`);
});

async function setup(channels: Channel[], prefs: Partial<CustomerPreferences> = {}) {
  const clock = new FakeClock(T0);
  const outbox = new InMemoryNotificationStore();
  const preferences = new InMemoryPreferencesStore();
  await preferences.put(preferencesOf('c1', { contacts: { deviceTokens: ['device-token-1'], phone: PHONE, email: EMAIL }, ...prefs }));
  const log = new InMemoryNotificationLog();
  const wire: WireRequest[] = [];
  const senders = new Map<Channel, ChannelSender>([
    ['push', createFcmPushSender(fcmServiceAccount(), `reliability-fcm-${++appSeq}`)],
    ['sms', new TwilioSmsSender(createTwilioClient(TWILIO_SID, TWILIO_TOKEN), TWILIO_FROM)],
    // Small timeouts: a relay that never answers must fail the attempt fast, not hold the dispatcher.
    [
      'email',
      new SmtpEmailSender(
        createTransport({
          host: '127.0.0.1',
          port: relay.port,
          secure: false,
          ignoreTLS: true,
          connectionTimeout: 300,
          greetingTimeout: 300,
          socketTimeout: 400,
        }),
        'Orders <orders@shop.test>',
      ),
    ],
  ]);
  const dispatcher = new NotificationDispatcher(
    outbox,
    preferences,
    log,
    senders,
    () => ({ title: 'Order o1 is out for delivery', text: 'Arriving today' }),
    clock,
    {
      maxAttempts: 6,
      backoff: { baseDelayMs: BASE_MS, maxDelayMs: 600_000 },
      random: () => 0.5,
    },
  );
  const send: SendNotification = {
    notificationId: 'o1:out-for-delivery:3',
    orderId: 'o1',
    customerId: 'c1',
    kind: 'out-for-delivery',
    urgent: true,
    channels,
    notBefore: T0,
    facts: { orderId: 'o1' },
  };
  await outbox.record({ globalPosition: 3, orderId: 'o1', sends: [send], superseded: [], at: T0 });
  /** The next attempt happens exactly `delayMs` after the last one: not claimable 1 ms before. */
  const nextAttemptAfter = async (delayMs: number) => {
    clock.advance(delayMs - 1);
    expect(await dispatcher.tick()).toBe(0);
    clock.advance(1);
    expect(await dispatcher.tick()).toBe(1);
  };
  const logged = () => log.attempts.map((a) => `${a.channel ?? '-'}:${a.status}`);
  const offsetsMs = () => log.attempts.map((a) => Date.parse(a.at) - Date.parse(T0));
  const outcome = async () => {
    const dead = (await outbox.deadLetters())[0];
    return dead
      ? `dead-lettered after ${dead.attempts} attempt(s): ${dead.reason}`
      : log.attempts.some((a) => a.status === 'sent')
        ? `sent via ${log.attempts.find((a) => a.status === 'sent')!.channel}`
        : 'pending';
  };
  const line = async (name: string, faults: string) =>
    report.push(
      `${name}: faults injected ${faults}; provider calls ${log.attempts.filter((a) => PROVIDER_CALL.has(a.status)).length} (${logged().join(', ')}) at +${offsetsMs()
        .map((t) => `${t / 1000}s`)
        .join('/+')}; outcome ${await outcome()}`,
    );
  return { clock, outbox, preferences, log, wire, dispatcher, nextAttemptAfter, logged, offsetsMs, line };
}

describe('provider faults through the real senders and the dispatcher', () => {
  jest.setTimeout(20_000);

  it('FCM 500, 500, then 200: retried with exponential backoff on push, then sent', async () => {
    const t = await setup(['push', 'sms']);
    fakeFcm(t.wire, FCM.internal(), FCM.internal(), FCM.ok('0:1'));
    expect(await t.dispatcher.tick()).toBe(1);
    await t.nextAttemptAfter(backoffMs(1)); // 7.5 s
    await t.nextAttemptAfter(backoffMs(2)); // 15 s
    expect(t.logged()).toEqual(['push:transient-failure', 'push:transient-failure', 'push:sent']);
    expect(t.offsetsMs()).toEqual([0, 7_500, 22_500]);
    expect(t.log.attempts[0].error).toMatch(/^messaging\/internal-error: /);
    expect(t.log.attempts[2].providerMessageId).toBe('projects/demo-order-tracking/messages/0:1');
    expect(t.wire.map((w) => w.status)).toEqual([500, 500, 200]);
    expect(nock.pendingMocks().filter((m) => !m.includes('oauth2'))).toEqual([]); // no SMS tried: transient stays on its channel
    await t.line('FCM 500,500,200', '2 x HTTP 500 INTERNAL');
  });

  it('Twilio 500 then 201: retried after the backoff, then sent', async () => {
    const t = await setup(['sms']);
    fakeTwilio(t.wire, TWILIO.serverError(), TWILIO.queued(PHONE));
    await t.dispatcher.tick();
    await t.nextAttemptAfter(backoffMs(1));
    expect(t.logged()).toEqual(['sms:transient-failure', 'sms:sent']);
    expect(t.log.attempts[0].error).toMatch(/^20500: /);
    expect(t.log.attempts[1].providerMessageId).toMatch(/^SM/);
    await t.line('Twilio 500,201', '1 x HTTP 500 (20500)');
  });

  it('Twilio 429 with Retry-After: 120: the next attempt is not before 120 s, although the backoff says 7.5 s', async () => {
    const t = await setup(['sms']);
    fakeTwilio(t.wire, TWILIO.tooManyRequests(120), TWILIO.queued(PHONE));
    await t.dispatcher.tick();
    t.clock.advance(backoffMs(1));
    expect(await t.dispatcher.tick()).toBe(0); // backoff alone would have retried here
    await t.nextAttemptAfter(120_000 - backoffMs(1));
    expect(t.logged()).toEqual(['sms:transient-failure', 'sms:sent']);
    expect(t.offsetsMs()).toEqual([0, 120_000]);
    expect(t.log.attempts[0].error).toMatch(/^20429: Too Many Requests/);
    await t.line('Twilio 429 Retry-After 120', '1 x HTTP 429 (20429), Retry-After: 120');
  });

  it('SMTP relay that never greets (x2): timeouts are transient, retried, then delivered', async () => {
    const t = await setup(['email']);
    relay.hangNext(2);
    const before = relay.delivered.length;
    const started = Date.now();
    await t.dispatcher.tick();
    await t.nextAttemptAfter(backoffMs(1));
    await t.nextAttemptAfter(backoffMs(2));
    const wallMs = Date.now() - started;
    expect(t.logged()).toEqual(['email:transient-failure', 'email:transient-failure', 'email:sent']);
    expect(t.log.attempts[0].error).toMatch(/^ETIMEDOUT: .*greeting/i);
    expect(relay.delivered.slice(before)).toEqual([{ to: [EMAIL], subject: 'Order o1 is out for delivery', notificationId: 'o1:out-for-delivery:3' }]);
    expect(wallMs).toBeLessThan(5_000); // the timeouts are the small ones we set, not nodemailer's minutes
    await t.line('SMTP no greeting x2', `2 x connection accepted, never greeted (greetingTimeout 300 ms; ${wallMs} ms wall for all attempts)`);
  });

  it('SMTP relay that swallows DATA: socket timeout is transient, retried with backoff up to the attempt limit, then dead-lettered', async () => {
    const t = await setup(['email'], { contacts: { deviceTokens: [], email: 'slow@customer.test' } });
    await t.dispatcher.tick();
    for (let n = 1; n <= 5; n++) await t.nextAttemptAfter(backoffMs(n));
    expect(t.logged()).toEqual([...Array(6).fill('email:transient-failure'), '-:dead-lettered']);
    expect(t.log.attempts[0].error).toMatch(/^ETIMEDOUT: /);
    expect(t.offsetsMs()).toEqual([0, 7_500, 22_500, 52_500, 112_500, 232_500, 232_500]);
    const [dead] = await t.outbox.deadLetters();
    expect(dead).toMatchObject({ attempts: 6 });
    expect(dead.reason).toMatch(/gave up after 6 attempts: email: ETIMEDOUT/);
    await t.line('SMTP DATA never answered', '6 x DATA swallowed (socketTimeout 400 ms)');
  });

  it('Twilio 20003 (bad credentials): permanent, dead-lettered at once, no retry, no fallback to email', async () => {
    const t = await setup(['sms', 'email']);
    const before = relay.delivered.length;
    fakeTwilio(t.wire, TWILIO.authenticate());
    await t.dispatcher.tick();
    t.clock.advance(3_600_000);
    expect(await t.dispatcher.tick()).toBe(0);
    expect(t.logged()).toEqual(['sms:permanent-failure', '-:dead-lettered']);
    expect(t.log.attempts[0].error).toMatch(/^20003: Authenticate/);
    expect((await t.outbox.deadLetters())[0]).toMatchObject({ attempts: 1, reason: expect.stringMatching(/permanent failure on sms: 20003/) });
    expect(t.wire).toHaveLength(1);
    expect(relay.delivered.length).toBe(before);
    await t.line('Twilio 20003', '1 x HTTP 401 (20003 Authenticate)');
  });

  it('FCM 403 SENDER_ID_MISMATCH: permanent, dead-lettered at once, no retry, no fallback to SMS', async () => {
    const t = await setup(['push', 'sms']);
    fakeFcm(t.wire, FCM.senderIdMismatch());
    await t.dispatcher.tick();
    t.clock.advance(3_600_000);
    expect(await t.dispatcher.tick()).toBe(0);
    expect(t.logged()).toEqual(['push:permanent-failure', '-:dead-lettered']);
    expect(t.log.attempts[0].error).toMatch(/^messaging\/mismatched-credential: /);
    expect((await t.outbox.deadLetters())[0]).toMatchObject({ attempts: 1, reason: expect.stringMatching(/permanent failure on push/) });
    expect(t.wire).toHaveLength(1);
    await t.line('FCM 403 SENDER_ID_MISMATCH', '1 x HTTP 403 PERMISSION_DENIED');
  });

  it('FCM 404 UNREGISTERED: the token is removed from the preferences and SMS delivers it, in the same attempt', async () => {
    const t = await setup(['push', 'sms']);
    fakeFcm(t.wire, FCM.unregistered());
    fakeTwilio(t.wire, TWILIO.queued(PHONE));
    expect(await t.dispatcher.tick()).toBe(1);
    expect(t.logged()).toEqual(['push:invalid-recipient', 'sms:sent']);
    expect(t.log.attempts[0].error).toMatch(/^messaging\/registration-token-not-registered: /);
    expect((await t.preferences.get('c1'))?.contacts.deviceTokens).toEqual([]);
    expect(t.wire.map((w) => `${w.provider}:${w.status}`)).toEqual(['fcm:404', 'twilio:201']);
    expect(await t.outbox.deadLetters()).toEqual([]);
    await t.line('FCM 404 UNREGISTERED', '1 x HTTP 404 UNREGISTERED');
  });

  it('the notification log holds every attempt with its status and, for failures, the error', async () => {
    const t = await setup(['push', 'sms']);
    fakeFcm(t.wire, FCM.internal(), FCM.unregistered());
    fakeTwilio(t.wire, TWILIO.tooManyRequests(30), TWILIO.queued(PHONE));
    await t.dispatcher.tick();
    await t.nextAttemptAfter(backoffMs(1));
    await t.nextAttemptAfter(30_000);
    const rows = await t.log.forOrder('o1');
    // Third pass: the dead token is gone, so push logs no-contact and SMS is tried (429 earlier, now 201).
    expect(rows.map(({ channel, status }) => `${channel ?? '-'}:${status}`)).toEqual([
      'push:transient-failure',
      'push:invalid-recipient',
      'sms:transient-failure',
      'push:no-contact',
      'sms:sent',
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ orderId: 'o1', notificationId: 'o1:out-for-delivery:3', kind: 'out-for-delivery' });
      if (row.status === 'sent') expect(row.providerMessageId).toMatch(/^SM/);
      else if (row.status !== 'no-contact') expect(row.error).toEqual(expect.stringMatching(/^(messaging\/|20429: )\S/));
    }
    expect(rows.map((r) => r.error ?? '')).toEqual([
      expect.stringMatching(/^messaging\/internal-error/),
      expect.stringMatching(/^messaging\/registration-token-not-registered/),
      expect.stringMatching(/^20429/),
      '',
      '',
    ]);
    expect(t.offsetsMs()).toEqual([0, 7_500, 7_500, 37_500, 37_500]);
    await t.line('mixed: FCM 500, FCM 404, Twilio 429 (30 s), Twilio 201', 'FCM 500 + 404, Twilio 429 Retry-After 30');
  });
});
