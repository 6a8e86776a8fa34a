import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONFIG_KEYS, DEV_SECRETS } from '@ot/config';
import { eventually } from '@ot/testing';
import { type Child, stop, waitForHttp } from '../reliability/support/child-process.support';

/**
 * The untouched default configuration, as a newcomer runs it: the built entry point started in
 * an empty directory with no service variable set, tokens from the README's own command, and the
 * README's own curl block run by bash. One port must serve webhooks, status, preferences, the
 * notification log and dead letters, with one token rule.
 */
const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/order-service/src/main.js');
const NOTIFIER_MAIN = join(ROOT, 'dist/apps/notifier/src/main.js');
const PORT = Number(process.env.DEFAULT_CONFIG_PORT || 3105);
const BASE = `http://127.0.0.1:${PORT}`;

/** The caller's environment without a single service setting (JWT_SECRET, NODE_ENV, PORT... all gone). */
const newcomerEnv = (): Record<string, string> =>
  Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !(CONFIG_KEYS as string[]).includes(e[0])));

function startBuilt(cwd: string, env: Record<string, string>, main = MAIN): Child {
  const proc = spawn(process.execPath, [main], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (chunk) => (output += chunk));
  proc.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string | null>((done) => proc.on('exit', (code, signal) => done(signal ?? code)));
  return { proc, output: () => output, exited };
}

/** `npm run -s token -- <args>` from the repository, as the README has it; stdout is the token. */
const token = (args: string[], env: Record<string, string> = newcomerEnv()): string =>
  execFileSync('npm', ['run', '-s', 'token', '--', ...args], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The README's "Webhooks in one minute" block, pointed at this test's port. */
function readmeBlock(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Webhooks in one minute'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README has no bash block under "Webhooks in one minute"');
  return block.replaceAll('http://127.0.0.1:3000', BASE);
}

const get = async (path: string, bearer: string) => {
  const res = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('the default configuration, as the README runs it', () => {
  jest.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'ot-default-'));
  let service: Child;

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'ignore' });
    service = startBuilt(dir, { ...newcomerEnv(), PORT: String(PORT) });
    await waitForHttp(service, `${BASE}/orders/none`);
  });
  afterAll(async () => {
    if (service) await stop(service);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the README block on one port: preferences, webhooks, status, notification log, dead letters', async () => {
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', `${readmeBlock()}\necho "ORDER=$ORDER"`], { cwd: ROOT, env: newcomerEnv(), encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const orderId = lines.pop()!.replace(/^ORDER=/, '');
    const [prefs, placed, pickedUp, order, log, deadLetters] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(6);
    expect(prefs).toEqual({
      customerId: 'c1',
      language: 'en',
      timeZone: 'America/Sao_Paulo',
      channels: { 'promise-broken': ['push'], shipped: ['push'] },
      contacts: { deviceTokens: ['my-device'] },
    });
    expect(placed).toMatchObject({ orderId, outcome: 'appended' });
    expect(pickedUp).toMatchObject({ orderId, outcome: 'appended' });
    expect(order).toMatchObject({ orderId, customerId: 'c1', status: 'HandedToCarrier' });
    expect(log).toMatchObject({ orderId, attempts: expect.any(Array) });
    expect(deadLetters).toEqual({ items: [] });

    // The promise is long past: the broken promise replaces the "shipped" still held in its collapse window, so one push reaches c1's device.
    const ops = token(['ops', 'ops']);
    const attempts = await eventually(async () => {
      const { body } = await get(`/orders/${encodeURIComponent(orderId)}/notifications`, ops);
      const sent = (body.attempts as Array<{ kind: string; channel?: string; status: string }>).filter((a) => a.status === 'sent');
      expect(sent.map((a) => [a.kind, a.channel])).toEqual([['promise-broken', 'push']]);
      return sent;
    });
    expect(attempts).toHaveLength(1);
    const outbox = join(dir, 'data/outbox/push.jsonl');
    expect(existsSync(outbox)).toBe(true);
    const pushes = readFileSync(outbox, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { to: string; text: string });
    expect(pushes.filter((p) => p.text.includes(orderId))).toEqual([expect.objectContaining({ to: 'my-device' })]);
  });

  it('accepts the ops token of the README command on every ops route, and a customer token on their own data only', async () => {
    const ops = token(['ops', 'ops']);
    const c1 = token(['c1']);
    const c2 = token(['c2']);
    expect(await get('/dead-letters', ops)).toEqual({ status: 200, body: { items: [] } });
    expect(await get('/orders/nope/notifications', ops)).toEqual({ status: 200, body: { orderId: 'nope', attempts: [] } });
    expect(await get('/customers/c1/preferences', ops)).toMatchObject({ status: 200, body: { customerId: 'c1', contacts: { deviceTokens: ['my-device'] } } });
    expect(await get('/customers/c1/preferences', c1)).toMatchObject({ status: 200, body: { customerId: 'c1' } });
    expect(await get('/customers/c1/preferences', c2)).toMatchObject({ status: 403, body: { type: 'https://order-tracking.example/problems/forbidden' } });
    expect(await get('/dead-letters', c1)).toMatchObject({ status: 403, body: { detail: 'operators only' } });
  });

  it('signs tokens with exactly the secret the service verifies: another JWT_SECRET gives a token every route refuses', async () => {
    const foreign = token(['ops', 'ops'], { ...newcomerEnv(), JWT_SECRET: 'not-the-service-secret-at-all' });
    for (const path of ['/orders/nope', '/dead-letters', '/orders/nope/notifications', '/customers/c1/preferences']) {
      expect(await get(path, foreign)).toEqual({
        status: 401,
        body: {
          type: 'https://order-tracking.example/problems/unauthorized',
          title: 'Not authenticated',
          status: 401,
          reason: 'invalid-token',
          detail: 'send Authorization: Bearer <token>',
        },
      });
    }
  });

  it('refuses to start with NODE_ENV=production while the published secrets are in use, naming each', async () => {
    const prod = startBuilt(dir, { ...newcomerEnv(), NODE_ENV: 'production', PORT: String(PORT + 1) });
    expect(await prod.exited).toBe(1);
    for (const name of Object.keys(DEV_SECRETS))
      expect(prod.output()).toContain(`${name}: the published development default cannot be used with NODE_ENV=production`);
    for (const value of Object.values(DEV_SECRETS)) expect(prod.output()).not.toContain(value);
  });

  it('boots the same notifier module on its own: Kafka by default, its own port, the same token rule', async () => {
    const kafkaByDefault = startBuilt(dir, newcomerEnv(), NOTIFIER_MAIN);
    expect(await kafkaByDefault.exited).toBe(1);
    expect(kafkaByDefault.output()).toContain('KAFKA_BROKERS: KAFKA_BROKERS must be host:port[,host:port...] when BUS=kafka');

    const port = PORT + 2;
    const alone = startBuilt(dir, { ...newcomerEnv(), BUS: 'in-process', NOTIFIER_PORT: String(port), NOTIFIER_DB_PATH: join(dir, 'alone.db') }, NOTIFIER_MAIN);
    try {
      await waitForHttp(alone, `http://127.0.0.1:${port}/dead-letters`);
      const res = await fetch(`http://127.0.0.1:${port}/dead-letters`, { headers: { authorization: `Bearer ${token(['ops', 'ops'])}` } });
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { items: [] } });
    } finally {
      await stop(alone);
    }
  });
});
