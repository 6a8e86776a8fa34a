import { generateKeyPairSync, createVerify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendFailure } from '@ot/application';
import { deleteApp, getApps } from 'firebase-admin/app';
import nock from 'nock';
import { describeChannelSenderContract, type ContractOutcome } from '../contract/channel-sender.contract';
import { createFcmPushSender, fcmPushSenderFromConfig } from './fcm-push.factory';
import { FCM_RATE_LIMIT_RETRY_AFTER_MS } from './fcm-push.sender';

/**
 * The real firebase-admin code path (credential -> OAuth token -> HTTP v1 send), intercepted by nock
 * at the HTTP layer: google-auth-library fetches the token with fetch, the SDK posts with node https;
 * nock 14 intercepts both. Nothing leaves the machine: other hosts than loopback are refused.
 */
const PROJECT = 'demo-order-tracking';
const SEND_PATH = `/v1/projects/${PROJECT}/messages:send`;
const ACCESS_TOKEN = 'ya29.fake-access-token';
const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const serviceAccount = { project_id: PROJECT, client_email: `notifier@${PROJECT}.iam.gserviceaccount.com`, private_key: privateKey };

/** Real FCM v1 error bodies: google.rpc.Status with the FcmError detail the SDK reads its code from. */
const fcmError = (code: number, status: string, errorCode: string, message: string) => ({
  error: { code, message, status, details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] },
});
const UNREGISTERED = fcmError(404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.');
const UNAVAILABLE = fcmError(503, 'UNAVAILABLE', 'UNAVAILABLE', 'The service is currently unavailable.');
const QUOTA_EXCEEDED = fcmError(429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', "Quota exceeded for quota metric 'Send requests'.");
const SENDER_ID_MISMATCH = fcmError(403, 'PERMISSION_DENIED', 'SENDER_ID_MISMATCH', 'SenderId mismatch');
const INVALID_TOKEN = {
  error: {
    ...fcmError(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token').error,
    details: [
      { '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'INVALID_ARGUMENT' },
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [{ field: 'message.token', description: 'The registration token is not a valid FCM registration token' }],
      },
    ],
  },
};

let appSeq = 0;
let tokenRequests: string[] = [];
let sentBodies: unknown[] = [];
// firebase-admin's cert() caches credentials (and so access tokens) by service account: a distinct
// client_email per sender makes every test fetch its own token, so each test sees the whole exchange.
const freshSender = () => {
  appSeq += 1;
  return createFcmPushSender({ ...serviceAccount, client_email: `notifier-${appSeq}@${PROJECT}.iam.gserviceaccount.com` }, `fcm-spec-${appSeq}`);
};

function fakeGoogle(...replies: Array<[number, object, Record<string, string>?]>): void {
  nock('https://oauth2.googleapis.com')
    .post('/token', (body: string | Record<string, string>) => {
      const form = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body;
      tokenRequests.push(form.assertion);
      return form.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    })
    .reply(200, { access_token: ACCESS_TOKEN, expires_in: 3600, token_type: 'Bearer' });
  const fcm = nock('https://fcm.googleapis.com').matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`);
  for (const [status, body, headers] of replies) {
    fcm.post(SEND_PATH, (b: unknown) => (sentBodies.push(b), true)).reply(status, body, headers);
  }
}

/**
 * Test-environment shim, not a production need: google-auth-library's gaxios 7 loads node-fetch with a
 * dynamic import(), which jest's VM refuses without --experimental-vm-modules (plain Node, as in
 * production, is fine). With a `window.fetch` present gaxios uses it instead, and we hand it the global
 * fetch, which nock intercepts. Late-bound, so it is nock's patched fetch that gets called.
 */
const globalWithWindow = globalThis as { window?: { fetch: typeof fetch } };
beforeAll(() => {
  globalWithWindow.window = { fetch: (...args) => globalThis.fetch(...args) };
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});
beforeEach(() => {
  tokenRequests = [];
  sentBodies = [];
});
afterEach(async () => {
  nock.cleanAll();
  await Promise.all(getApps().map((app) => deleteApp(app)));
});
afterAll(() => {
  nock.enableNetConnect();
  delete globalWithWindow.window;
});

const ARRANGED: Record<ContractOutcome, [number, object, Record<string, string>?]> = {
  success: [200, { name: `projects/${PROJECT}/messages/0:1700000000000000%abc` }],
  // Retry-After above the SDK's 60 s cap: it does not retry itself and hands the failure to us.
  transient: [503, UNAVAILABLE, { 'Retry-After': '120' }],
  permanent: [403, SENDER_ID_MISMATCH],
  'invalid-recipient': [404, UNREGISTERED],
};
describeChannelSenderContract('FcmPushSender (firebase-admin over nock)', () => ({
  channel: 'push',
  sender: freshSender,
  arrange: (outcome) => (fakeGoogle(ARRANGED[outcome]), 'device-token-1'),
  verify: () => expect(nock.pendingMocks()).toEqual([]),
}));

const send = (sender = freshSender(), to = 'device-token-1') =>
  sender.send({
    notificationId: 'o1:shipped:42',
    orderId: 'o1',
    kind: 'shipped',
    sentAt: '2026-01-02T12:00:00.000Z',
    channel: 'push',
    to,
    title: 'Order o1 shipped',
    text: 'On its way',
    data: { orderId: 'o1' },
  });
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: SendFailure) => e,
  );

describe('FcmPushSender on the wire', () => {
  it('signs a JWT with the service-account key, then posts the exact HTTP v1 message with the bearer token', async () => {
    fakeGoogle([200, { name: `projects/${PROJECT}/messages/0:1` }]);
    await expect(send()).resolves.toEqual({ providerMessageId: `projects/${PROJECT}/messages/0:1` });

    expect(sentBodies).toEqual([
      {
        message: {
          token: 'device-token-1',
          notification: { title: 'Order o1 shipped', body: 'On its way' },
          data: { orderId: 'o1', notificationId: 'o1:shipped:42' },
          android: { notification: { tag: 'o1:shipped:42' } },
          apns: { headers: { 'apns-collapse-id': 'o1:shipped:42' } },
        },
      },
    ]);
    const [header, payload, signature] = tokenRequests[0].split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims).toMatchObject({ iss: `notifier-${appSeq}@${PROJECT}.iam.gserviceaccount.com`, aud: 'https://oauth2.googleapis.com/token' });
    expect(claims.scope).toContain('https://www.googleapis.com/auth/firebase.messaging');
    const verifier = createVerify('RSA-SHA256').update(`${header}.${payload}`);
    expect(verifier.verify(publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('classifies a malformed token (400 INVALID_ARGUMENT on message.token) as invalid-recipient', async () => {
    fakeGoogle([400, INVALID_TOKEN]);
    expect(await failureOf(send())).toMatchObject({ kind: 'invalid-recipient', providerCode: 'messaging/invalid-argument' });
  });

  it("classifies 429 QUOTA_EXCEEDED as transient with FCM's documented 1-minute minimum (the SDK hides Retry-After)", async () => {
    fakeGoogle([429, QUOTA_EXCEEDED, { 'Retry-After': '30' }]);
    expect(await failureOf(send())).toMatchObject({
      kind: 'transient',
      providerCode: 'messaging/message-rate-exceeded',
      retryAfterMs: FCM_RATE_LIMIT_RETRY_AFTER_MS,
    });
  });

  it('lets the SDK retry a 503 whose Retry-After is short, so one blip costs no failure', async () => {
    fakeGoogle([503, UNAVAILABLE, { 'Retry-After': '1' }], [200, { name: `projects/${PROJECT}/messages/0:2` }]);
    await expect(send()).resolves.toEqual({ providerMessageId: `projects/${PROJECT}/messages/0:2` });
    expect(sentBodies).toHaveLength(2);
  });

  it('classifies a 500 INTERNAL as transient', async () => {
    fakeGoogle([500, fcmError(500, 'INTERNAL', 'INTERNAL', 'Internal error encountered.')]);
    expect(await failureOf(send())).toMatchObject({ kind: 'transient', providerCode: 'messaging/internal-error' });
  });

  it('refuses any host but loopback: with no interceptor the send fails here instead of reaching Google', async () => {
    expect(await failureOf(send())).toBeInstanceOf(SendFailure);
  });
});

describe('fcmPushSenderFromConfig', () => {
  it('reads FCM_SERVICE_ACCOUNT_JSON as JSON or as a path to the key file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcm-'));
    const path = join(dir, 'sa.json');
    writeFileSync(path, JSON.stringify(serviceAccount));
    expect(fcmPushSenderFromConfig({ FCM_SERVICE_ACCOUNT_JSON: JSON.stringify(serviceAccount) }).channel).toBe('push');
    await Promise.all(getApps().map((app) => deleteApp(app)));
    fakeGoogle([200, { name: `projects/${PROJECT}/messages/0:3` }]);
    await expect(send(fcmPushSenderFromConfig({ FCM_SERVICE_ACCOUNT_JSON: path }))).resolves.toEqual({ providerMessageId: `projects/${PROJECT}/messages/0:3` });
  });

  it('fails fast when it is missing or incomplete', () => {
    expect(() => fcmPushSenderFromConfig({})).toThrow(/FCM_SERVICE_ACCOUNT_JSON/);
    expect(() => fcmPushSenderFromConfig({ FCM_SERVICE_ACCOUNT_JSON: '{"project_id":"x"}' })).toThrow(/client_email/);
  });
});
