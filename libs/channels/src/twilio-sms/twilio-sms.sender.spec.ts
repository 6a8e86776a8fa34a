import { type SendFailure } from '@ot/application';
import nock from 'nock';
import { describeChannelSenderContract, type ContractOutcome } from '../contract/channel-sender.contract';
import { createTwilioClient, parseRetryAfter, twilioSmsSenderFromConfig } from './twilio-sms.factory';
import { twilioFailure, TwilioSmsSender } from './twilio-sms.sender';

/**
 * The real Twilio SDK (axios over node https) against nock at the HTTP layer: the Messages API is
 * intercepted at api.twilio.com, and every other host but loopback is refused.
 */
const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'auth-token-for-tests';
const FROM = '+15005550006';
const MESSAGES = `/2010-04-01/Accounts/${SID}/Messages.json`;

/** Real Twilio REST error bodies (https://www.twilio.com/docs/api/errors). */
const twilioError = (code: number, status: number, message: string) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
const INVALID_NUMBER = twilioError(21211, 400, "The 'To' number +1555 is not a valid phone number.");
const NOT_MOBILE = twilioError(21614, 400, "'To' number is not a valid mobile number");
const TOO_MANY_REQUESTS = twilioError(20429, 429, 'Too Many Requests');
const SERVER_ERROR = twilioError(20500, 500, 'Internal Server Error');
const AUTHENTICATE = { ...twilioError(20003, 401, 'Authenticate'), detail: 'Your AccountSid or AuthToken was incorrect.' };
const queued = (to: string, body: string) => ({
  sid: 'SM0123456789abcdef0123456789abcdef',
  account_sid: SID,
  to,
  from: FROM,
  body,
  status: 'queued',
  num_segments: '1',
  direction: 'outbound-api',
  api_version: '2010-04-01',
  date_created: 'Mon, 23 Nov 2026 12:00:00 +0000',
  uri: `/2010-04-01/Accounts/${SID}/Messages/SM0123456789abcdef0123456789abcdef.json`,
});

let received: Array<Record<string, string>> = [];
/**
 * The SDK sends Connection: keep-alive, and nock 14 leaves a mocked response unterminated on a kept-alive
 * connection unless it carries Content-Length (nock/nock#3001): so every reply states its length, as
 * Twilio's real responses do.
 */
function fakeTwilio(status: number, body: object, headers: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  const replyHeaders = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(json)), ...headers };
  return nock('https://api.twilio.com')
    .matchHeader('authorization', `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`)
    .post(MESSAGES, (form: string | Record<string, string>) => {
      received.push(typeof form === 'string' ? Object.fromEntries(new URLSearchParams(form)) : form);
      return true;
    })
    .reply(status, json, replyHeaders);
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});
beforeEach(() => {
  received = [];
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const sender = () => new TwilioSmsSender(createTwilioClient(SID, TOKEN), FROM);
const ARRANGED: Record<ContractOutcome, [number, object]> = {
  success: [201, queued('+15551234567', 'We have handed order o1 to the carrier.')],
  transient: [500, SERVER_ERROR],
  permanent: [401, AUTHENTICATE],
  'invalid-recipient': [400, INVALID_NUMBER],
};
describeChannelSenderContract('TwilioSmsSender (twilio SDK over nock)', () => ({
  channel: 'sms',
  sender,
  arrange: (outcome) => (fakeTwilio(...ARRANGED[outcome]), '+15551234567'),
  verify: () => expect(nock.pendingMocks()).toEqual([]),
}));

const sms = (s = sender(), to = '+15551234567') =>
  s.send({
    notificationId: 'o1:shipped:42',
    orderId: 'o1',
    kind: 'shipped',
    sentAt: '2026-01-02T12:00:00.000Z',
    channel: 'sms',
    to,
    title: 'Shipped',
    text: 'Order o1 is on its way',
  });
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: SendFailure) => e,
  );

describe('TwilioSmsSender on the wire', () => {
  it('posts To, From and Body form-encoded with basic auth and returns the message SID', async () => {
    fakeTwilio(201, queued('+15551234567', 'Order o1 is on its way'));
    await expect(sms()).resolves.toEqual({ providerMessageId: 'SM0123456789abcdef0123456789abcdef' });
    expect(received).toEqual([{ To: '+15551234567', From: FROM, Body: 'Order o1 is on its way' }]);
  });

  it('sends through a Messaging Service when TWILIO_FROM is an MG... SID', async () => {
    fakeTwilio(201, queued('+15551234567', 'Order o1 is on its way'));
    await sms(new TwilioSmsSender(createTwilioClient(SID, TOKEN), 'MG0123456789abcdef0123456789abcdef'));
    expect(received).toEqual([{ To: '+15551234567', MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef', Body: 'Order o1 is on its way' }]);
  });

  it('classifies 21614 (not a mobile number) as invalid-recipient', async () => {
    fakeTwilio(400, NOT_MOBILE);
    expect(await failureOf(sms())).toMatchObject({ kind: 'invalid-recipient', providerCode: '21614' });
  });

  it('classifies 20429 as transient and keeps the Retry-After the SDK would drop', async () => {
    fakeTwilio(429, TOO_MANY_REQUESTS, { 'Retry-After': '7' });
    expect(await failureOf(sms())).toMatchObject({ kind: 'transient', providerCode: '20429', retryAfterMs: 7000 });
  });

  it('classifies a 429 without Retry-After as transient with no hint', async () => {
    fakeTwilio(429, TOO_MANY_REQUESTS);
    const failure = await failureOf(sms());
    expect(failure).toMatchObject({ kind: 'transient', providerCode: '20429' });
    expect(failure.retryAfterMs).toBeUndefined();
  });

  it('classifies a 503 with Retry-After as transient with the hint', async () => {
    fakeTwilio(503, twilioError(20503, 503, 'Service Unavailable'), { 'Retry-After': '2' });
    expect(await failureOf(sms())).toMatchObject({ kind: 'transient', retryAfterMs: 2000 });
  });

  it('classifies 20003 (bad credentials) as permanent', async () => {
    fakeTwilio(401, AUTHENTICATE);
    expect(await failureOf(sms())).toMatchObject({ kind: 'permanent', providerCode: '20003' });
  });

  // nock 14's replyWithError hangs the SDK's request (nock/nock#2789), so the no-response case is
  // checked on the mapper with the shape axios rejects with: an Error with a string code and no status.
  it('classifies a connection reset (no response) as transient, an unknown local error as permanent', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(twilioFailure(reset)).toMatchObject({ kind: 'transient', providerCode: 'ECONNRESET' });
    expect(twilioFailure(new TypeError('bad input'))).toMatchObject({ kind: 'permanent' });
  });
});

describe('twilioSmsSenderFromConfig and Retry-After', () => {
  it('builds from TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN / TWILIO_FROM and names what is missing', () => {
    expect(twilioSmsSenderFromConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: FROM }).channel).toBe('sms');
    expect(() => twilioSmsSenderFromConfig({ TWILIO_ACCOUNT_SID: SID })).toThrow('Twilio SMS needs TWILIO_AUTH_TOKEN, TWILIO_FROM');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T12:00:00.000Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
