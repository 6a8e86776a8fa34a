import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** The worker's source, run as `npm run start:worker -- <args>` runs the built one, with nothing but the arguments. */
const worker = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', './scripts/swc-register.js', join(ROOT, 'apps/order-service/src/worker.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 60_000,
  });

describe('npm run start:worker', () => {
  it.each<[string, string[]]>([
    ['--help', ['--help']],
    ['-h', ['-h']],
    ['no role', []],
    ['an unknown role', ['nonsense']],
    ['a role and more', ['api', 'extra']],
  ])('answers %s with its usage, as the other commands do, before starting anything', (_asked, args) => {
    const result = worker(...args);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('usage: npm run start:worker -- <api|relay|status-projector|eta|notifier>');
    expect(result.stderr).not.toMatch(/config|\n\s+at /i); // a question (or a typo) is not a configuration error, nor a crash
    expect(result.status).toBe(2);
  });
});

/** Runs a role until it says it listens (or 60 s pass), then stops it; what it wrote on stdout and stderr. */
function runUntilListening(role: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', './scripts/swc-register.js', join(ROOT, 'apps/order-service/src/worker.ts'), role], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('listening on')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

describe('npm run start:worker -- notifier', () => {
  it("warns about the published secrets in the process's JSON log, as the other roles do", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ot-worker-notifier-'));
    const { stdout, stderr } = await runUntilListening('notifier', {
      BUS: 'in-process',
      NOTIFIER_PORT: process.env.WORKER_SPEC_NOTIFIER_PORT ?? '3709',
      NOTIFIER_DB_PATH: join(dir, 'n.db'),
      NOTIFIER_OUTBOX_DIR: join(dir, 'outbox'),
    });
    const all = `${stdout}${stderr}`;
    const line = all.split('\n').find((l) => l.includes('published development secrets'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'warn', service: 'notifier', context: 'Config' });
  }, 90_000);

  it('that cannot reach Kafka exits 1 saying so in one JSON line, not a raw stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ot-worker-notifier-'));
    const { stdout, stderr, code } = await runUntilListening('notifier', {
      BUS: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:1',
      NOTIFIER_PORT: process.env.WORKER_SPEC_NOTIFIER_PORT ?? '3709',
      NOTIFIER_DB_PATH: join(dir, 'n.db'),
      NOTIFIER_OUTBOX_DIR: join(dir, 'outbox'),
    });
    expect(code).toBe(1);
    const lines = `${stdout}${stderr}`.split('\n').filter(Boolean);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    const last = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    expect(last).toMatchObject({ level: 'error', service: 'notifier', context: 'Worker' });
    expect(String(last.msg)).toMatch(/^notifier could not start: .*ECONNREFUSED 127\.0\.0\.1:1/);
  }, 90_000);
});
