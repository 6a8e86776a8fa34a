import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { BENCH_SECRETS } from '../fixtures/webhooks';
import { freePort, isRunning, kill9, spawnWorker, stopWorker, waitForHttp, type WorkerProcess } from './worker-process';

/**
 * The scaled shape as real processes on this machine (`npm run start:worker -- <role>` through the
 * SWC hook), all on one fresh PostgreSQL database (event store, and STATE_STORE=postgres for the
 * views, checkpoints and notifier state): API replicas that only read the shared status view,
 * status projectors writing it, one relay to Kafka, notifiers as one consumer group, and ETA workers
 * as another group that splits the forecasts by partition. Each process has its own port and
 * directory under `dir`; the notifiers share one outbox directory, the local stand-in for one
 * provider (it honours the notification id as an idempotency key).
 */
export type ClusterShape = { replicas: number; projectors: number; notifiers: number; partitions: number; etaWorkers?: number };
export type Role = 'api' | 'status-projector' | 'relay' | 'notifier' | 'eta';
export type Member = { role: Role; index: number; base: string; env: Record<string, string>; child?: WorkerProcess };

export class ScaleCluster {
  readonly members: Member[] = [];
  readonly topic: string;
  readonly groupId: string;
  readonly etaGroupId: string;
  /** The one outbox every notifier writes to: what the provider was sent. */
  readonly outboxDir: string;

  private constructor(
    readonly dir: string,
    readonly databaseUrl: string,
    readonly brokers: string,
    private readonly dropDatabase: () => Promise<void>,
  ) {
    const run = dir
      .split('/')
      .pop()!
      .replace(/[^a-z0-9]/gi, '');
    this.topic = `order-events-${run}`;
    this.groupId = `notifier-${run}`;
    this.etaGroupId = `eta-${run}`;
    this.outboxDir = join(dir, 'provider-outbox');
  }

  /** A fresh database per run (so the relay never republishes an earlier run's events), dropped by close(). */
  static async create(dir: string, adminUrl: string, brokers: string): Promise<ScaleCluster> {
    const name = `scale_${Date.now().toString(36)}_${process.pid}`;
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const drop = () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
    return new ScaleCluster(dir, url.toString(), brokers, drop);
  }

  async start(shape: ClusterShape): Promise<void> {
    const common = {
      ...BENCH_SECRETS,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KAFKA_LOG_LEVEL: 'nothing',
      EVENT_STORE: 'postgres',
      STATE_STORE: 'postgres',
      DATABASE_URL: this.databaseUrl,
      BUS: 'kafka',
      KAFKA_BROKERS: this.brokers,
      KAFKA_TOPIC: this.topic,
      KAFKA_PARTITIONS: String(shape.partitions),
      KAFKA_GROUP_ID: this.groupId,
      WEBHOOK_RATE_PER_SECOND: '0',
      STATUS_RATE_PER_SECOND: '0',
    };
    const add = async (role: Role, index: number, own: Record<string, string>) => {
      const home = join(this.dir, `${role}-${index}`);
      mkdirSync(home, { recursive: true });
      const port = String(await freePort());
      const env = {
        ...common,
        PORT: port,
        NOTIFIER_PORT: port,
        READ_MODEL_PATH: join(home, 'read-model.db'),
        ETA_READ_MODEL_PATH: join(home, 'eta.db'),
        RELAY_CHECKPOINT_PATH: join(home, 'relay.db'),
        NOTIFIER_OUTBOX_DIR: join(home, 'outbox'),
        ...own,
      };
      this.members.push({ role, index, base: `http://127.0.0.1:${port}`, env });
    };
    for (let i = 0; i < shape.replicas; i++) await add('api', i, { RUN_STATUS_PROJECTION: 'false' }); // reads what the projectors write
    for (let i = 0; i < shape.projectors; i++) await add('status-projector', i, {});
    await add('relay', 0, {});
    for (let i = 0; i < shape.notifiers; i++) await add('notifier', i, { NOTIFIER_DISPATCH_INTERVAL_MS: '50', NOTIFIER_OUTBOX_DIR: this.outboxDir });
    for (let i = 0; i < (shape.etaWorkers ?? 0); i++) await add('eta', i, { ETA_GROUP_ID: this.etaGroupId });
    // The first notifier creates the topic before the others race for it.
    const [first, ...rest] = [...this.of('notifier'), ...this.of('relay'), ...this.of('status-projector'), ...this.of('eta'), ...this.of('api')];
    await this.boot(first);
    await Promise.all(rest.map((m) => this.boot(m)));
  }

  of(role: Role): Member[] {
    return this.members.filter((m) => m.role === role);
  }

  alive(role: Role): Member[] {
    return this.of(role).filter((m) => isRunning(m.child));
  }

  async boot(member: Member): Promise<void> {
    member.child = spawnWorker(member.role, member.env);
    // eleven processes compiling and starting at once on two cores other jobs load too
    await waitForHttp(member.child, `${member.base}/orders/none`, 300_000).catch((error: Error) => {
      throw new Error(`${member.role} ${member.index}: ${error.message}`);
    });
  }

  async kill9(member: Member): Promise<void> {
    if (member.child) await kill9(member.child);
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((m) => (m.child ? stopWorker(m.child) : undefined)));
    await this.dropDatabase().catch(() => undefined);
  }
}

async function withClient<T>(connectionString: string, use: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
