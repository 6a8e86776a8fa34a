import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * A second, private Kafka broker for suites that kill it: its own run dir, data dir and loopback ports,
 * driven through scripts/kafka/{start,restart,stop}.sh. The shared broker on 19092 is never touched:
 * every kill goes to the pid in OUR run dir.
 */
const ROOT = resolve(__dirname, '../../..');
const LIBS = resolve(ROOT, '.cache/kafka/libs');
const run = promisify(execFile);

export type PrivateKafka = {
  brokers: string;
  runDir: string;
  pid: () => number;
  /** SIGKILL by pid, resolves once the process is gone. */
  kill9: () => Promise<void>;
  /** Same data dir, same server.properties; resolves once a consumer group round trip works. */
  restart: () => Promise<void>;
  /** Stops it and removes the run dir and the data dir. */
  destroy: () => Promise<void>;
};

/** Why a private broker cannot be started here (visible skip), or undefined. */
export function privateKafkaSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.KAFKA_BROKERS?.trim()) return 'KAFKA_BROKERS is not set (the Kafka suites are opted into with it)';
  if (!existsSync(LIBS)) return `${LIBS} is missing (bash scripts/kafka/fetch.sh)`;
  return undefined;
}

export async function startPrivateKafka(brokerPort: number, controllerPort: number): Promise<PrivateKafka> {
  const dir = mkdtempSync(join(tmpdir(), 'ot-kafka-restart-'));
  const runDir = join(dir, 'run');
  // TMPDIR: start.sh makes the data dir with mktemp under it, so the data dir lives inside ours too.
  const env = {
    ...process.env,
    KAFKA_RUN_DIR: runDir,
    KAFKA_BROKER_PORT: String(brokerPort),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_LIBS_DIR: LIBS,
    TMPDIR: dir,
    KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
  };
  // a JVM start takes 60-70 s when the shared two cores are busy (load average near 20)
  const script = (name: string) => run('bash', [resolve(ROOT, 'scripts/kafka', name)], { cwd: ROOT, env, timeout: 240_000 });
  try {
    await script('start.sh');
  } catch (error) {
    await script('stop.sh').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`private broker did not start: ${(error as Error).message}\n${safeRead(join(runDir, 'kafka.log')).slice(-3000)}`);
  }
  const pid = () => Number(readFileSync(join(runDir, 'kafka.pid'), 'utf8').trim());
  return {
    brokers: `127.0.0.1:${brokerPort}`,
    runDir,
    pid,
    kill9: async () => {
      const p = pid();
      process.kill(p, 'SIGKILL');
      for (let i = 0; i < 200 && alive(p); i++) await new Promise((r) => setTimeout(r, 50));
      if (alive(p)) throw new Error(`broker pid ${p} survived SIGKILL for 10 s`);
    },
    restart: async () => {
      await script('restart.sh');
    },
    destroy: async () => {
      await script('stop.sh').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
