import { generateKeyPairSync } from 'node:crypto';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import nock from 'nock';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { simpleParser } from 'mailparser';

/**
 * Fault-injecting fakes of the three providers at the wire level, for the reliability suites:
 * Google OAuth + FCM HTTP v1 and Twilio's Messages API through nock (as the senders' own specs do), and
 * a loopback SMTP relay that can be told to hang (accept the TCP connection and never greet) or to
 * swallow DATA without ever answering.
 */
export const FCM_PROJECT = 'demo-order-tracking';
const FCM_SEND_PATH = `/v1/projects/${FCM_PROJECT}/messages:send`;
const ACCESS_TOKEN = 'ya29.fake-access-token';
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
let accountSeq = 0;
/** A distinct client_email each time: firebase-admin caches credentials (and tokens) per service account. */
export const fcmServiceAccount = () => ({
  project_id: FCM_PROJECT,
  client_email: `reliability-${++accountSeq}@${FCM_PROJECT}.iam.gserviceaccount.com`,
  private_key: privateKey,
});

const fcmError = (code: number, status: string, errorCode: string, message: string) => ({
  error: { code, message, status, details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] },
});
export const FCM = {
  ok: (id: string): FakeReply => [200, { name: `projects/${FCM_PROJECT}/messages/${id}` }],
  internal: (): FakeReply => [500, fcmError(500, 'INTERNAL', 'INTERNAL', 'Internal error encountered.')],
  unregistered: (): FakeReply => [404, fcmError(404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.')],
  senderIdMismatch: (): FakeReply => [403, fcmError(403, 'PERMISSION_DENIED', 'SENDER_ID_MISMATCH', 'SenderId mismatch')],
};

export type FakeReply = [status: number, body: object, headers?: Record<string, string>];
export type WireRequest = { provider: 'fcm' | 'twilio'; body: unknown; status: number };

/** FCM: the token endpoint answers every time; the sends get `replies` in order, each once. */
export function fakeFcm(wire: WireRequest[], ...replies: FakeReply[]): void {
  nock('https://oauth2.googleapis.com').persist().post('/token').reply(200, { access_token: ACCESS_TOKEN, expires_in: 3600, token_type: 'Bearer' });
  const scope = nock('https://fcm.googleapis.com').matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`);
  for (const [status, body, headers] of replies) {
    scope.post(FCM_SEND_PATH, (b: unknown) => (wire.push({ provider: 'fcm', body: b, status }), true)).reply(status, body, headers);
  }
}

export const TWILIO_SID = 'AC0123456789abcdef0123456789abcdef';
export const TWILIO_TOKEN = 'auth-token-for-tests';
export const TWILIO_FROM = '+15005550006';
const twilioError = (code: number, status: number, message: string) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
export const TWILIO = {
  queued: (to: string): FakeReply => [
    201,
    { sid: `SM${String(++accountSeq).padStart(32, '0')}`, account_sid: TWILIO_SID, to, from: TWILIO_FROM, status: 'queued', api_version: '2010-04-01' },
  ],
  serverError: (): FakeReply => [500, twilioError(20500, 500, 'Internal Server Error')],
  tooManyRequests: (retryAfterSeconds: number): FakeReply => [429, twilioError(20429, 429, 'Too Many Requests'), { 'Retry-After': String(retryAfterSeconds) }],
  authenticate: (): FakeReply => [401, { ...twilioError(20003, 401, 'Authenticate'), detail: 'Your AccountSid or AuthToken was incorrect.' }],
};

/** Twilio: each reply once, in order. Every reply states its Content-Length (nock/nock#3001 with keep-alive). */
export function fakeTwilio(wire: WireRequest[], ...replies: FakeReply[]): void {
  const scope = nock('https://api.twilio.com').matchHeader('authorization', `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`);
  for (const [status, body, headers] of replies) {
    const json = JSON.stringify(body);
    scope
      .post(`/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`, (form: unknown) => (wire.push({ provider: 'twilio', body: form, status }), true))
      .reply(status, json, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(json)), ...headers });
  }
}

/**
 * google-auth-library's gaxios loads node-fetch with a dynamic import() jest's VM refuses; with a
 * window.fetch it uses that instead (see fcm-push.sender.spec.ts). Loopback stays open for smtp.
 */
export function interceptProviders(): () => void {
  const g = globalThis as { window?: { fetch: typeof fetch } };
  g.window = { fetch: (...args) => globalThis.fetch(...args) };
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  return () => {
    nock.cleanAll();
    nock.enableNetConnect();
    delete g.window;
  };
}

/**
 * A loopback SMTP relay in front of a real smtp-server. `hangNext(n)`: the next n connections are
 * accepted and then left silent (no 220 greeting, ever). A recipient whose mailbox is "slow" gets its
 * DATA swallowed with no reply. Everything else is relayed to the smtp-server, which keeps what it got.
 */
export async function faultySmtpRelay() {
  const delivered: Array<{ to: string[]; subject?: string; notificationId?: string }> = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1000,
    onData(stream: SMTPServerDataStream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      if (to.some((a) => a.startsWith('slow@'))) return void stream.resume(); // read it all, never answer
      simpleParser(stream).then((mail) => {
        delivered.push({ to, subject: mail.subject, notificationId: mail.headers.get('x-notification-id') as string | undefined });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const upstream = (smtp.server.address() as AddressInfo).port;
  let hang = 0;
  const connections = { hung: 0, relayed: 0 };
  const sockets = new Set<Socket>();
  const front: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (hang > 0) {
      hang -= 1;
      connections.hung += 1;
      return; // silent: nodemailer's greetingTimeout has to fire
    }
    connections.relayed += 1;
    const server = createConnection(upstream, '127.0.0.1');
    sockets.add(server);
    server.on('close', () => sockets.delete(server));
    server.on('error', () => client.destroy());
    client.on('close', () => server.destroy());
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  return {
    port: (front.address() as AddressInfo).port,
    delivered,
    connections,
    hangNext: (n: number) => void (hang = n),
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((r) => front.close(() => r()));
      await new Promise<void>((r) => smtp.close(() => r()));
    },
  };
}
