import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_KEYS, DEV_PARTNER_URLS, DEV_SECRETS, isWorkerRole, loadConfig, ROLE_DEFAULTS, type ServiceConfig, type WorkerRole } from '@ot/config';
import { parse } from 'yaml';

/**
 * No Docker engine runs here, so docker/compose.yml is held to what the apps validate at start:
 * every app service must pass loadConfig (production rules included) with its role, listen where
 * its ports and healthcheck point, find PostgreSQL and Kafka where they are, and keep its files on
 * a volume. Secrets come only from the operator's environment.
 */
const ROOT = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
};
const RAW = read('docker/compose.yml');
const compose = parse(RAW, { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = Object.entries(compose.services);
const apps = services.filter(([, s]) => s.build !== undefined);

/** `${NAME:?message}` is compose's "required": it refuses to start while NAME is unset. */
const REQUIRED = /\$\{([A-Z_]+):\?[^}]*\}/g;
// an operator's URL is a URL (the schema checks it), a secret is a long enough string
const operatorValue = (name: string) =>
  name.includes('_URL_') ? `https://${name.toLowerCase().replace(/_/g, '-')}.operator.example/actions` : `${name.toLowerCase()}-set-by-the-operator-0123456789`;
const interpolate = (value: string | number) => String(value).replace(REQUIRED, (_, name: string) => operatorValue(name));

const roleOf = ([name, s]: [string, Service]): WorkerRole => {
  const [node, entry, role] = s.command ?? [];
  expect([name, node, entry]).toEqual([name, 'node', 'dist/apps/order-service/src/worker.js']);
  if (!isWorkerRole(role)) throw new Error(`${name}: ${role} is not a worker role`);
  return role;
};
const envOf = (s: Service) => Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(v)]));
const configOf = (app: [string, Service]): ServiceConfig => loadConfig(envOf(app[1]), { defaults: ROLE_DEFAULTS[roleOf(app)] });
const listensOn = (app: [string, Service]) => (roleOf(app) === 'notifier' ? configOf(app).NOTIFIER_PORT : configOf(app).PORT);
const mounts = (s: Service) => (s.volumes ?? []).map((v) => ({ volume: v.split(':')[0], path: v.split(':')[1] }));

describe('docker/compose.yml against the configuration schema', () => {
  it('runs the scaled shape: two API replicas, two status projectors, a relay, an ETA worker, two notifiers in one group', () => {
    const roles = apps.map(roleOf).sort();
    expect(roles).toEqual(['api', 'api', 'eta', 'notifier', 'notifier', 'relay', 'status-projector', 'status-projector']);
    const projecting = apps.filter((a) => roleOf(a) !== 'notifier' && configOf(a).RUN_STATUS_PROJECTION === 'true').map(roleOf);
    expect(projecting).toEqual(['status-projector', 'status-projector']); // replicas read what the projectors write
    const groups = apps.filter((a) => roleOf(a) === 'notifier').map((a) => configOf(a).KAFKA_GROUP_ID);
    expect(new Set(groups).size).toBe(1);
    expect(existsSync(join(ROOT, 'apps/order-service/src/worker.ts'))).toBe(true); // what dist/.../worker.js is built from
  });

  it.each(apps.map((a) => [a[0], a] as const))('%s sets only variables of the schema and passes its validation in production', (_, app) => {
    expect(Object.keys(app[1].environment ?? {}).filter((k) => !(CONFIG_KEYS as string[]).includes(k))).toEqual([]);
    const config = configOf(app);
    expect(config.NODE_ENV).toBe('production');
    expect(config.EVENT_STORE).toBe('postgres');
    expect(config.STATE_STORE).toBe('postgres'); // views, checkpoints and notifier state shared across hosts
    expect(config.BUS).toBe('kafka');
  });

  it('takes every secret and partner URL from the operator: required, never a value in the file, never a published default', () => {
    const secrets = [...Object.keys(DEV_SECRETS), ...Object.keys(DEV_PARTNER_URLS), 'POSTGRES_PASSWORD'];
    for (const [, s] of services) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (secrets.includes(key)) expect(String(value)).toMatch(/^\$\{[A-Z_]+:\?[^}]+\}$/);
      }
    }
    const required = new Set([...RAW.matchAll(REQUIRED)].map((m) => m[1]));
    expect([...required].sort()).toEqual(secrets.sort());
    for (const [key, value] of Object.entries({ ...DEV_SECRETS, ...DEV_PARTNER_URLS })) expect([key, RAW.includes(value)]).toEqual([key, false]);
  });

  it('publishes and health-checks each app on the port it listens on, with no host port taken twice', () => {
    for (const app of apps) {
      const port = String(listensOn(app));
      expect((app[1].ports ?? []).map((p) => p.split(':').pop())).toEqual((app[1].ports ?? []).map(() => port));
      expect(app[1].healthcheck?.test).toEqual(['CMD', 'node', 'docker/healthcheck.js', port]);
    }
    const published = services.flatMap(([, s]) => (s.ports ?? []).map((p) => p.split(':')[0]));
    expect(new Set(published).size).toBe(published.length);
  });

  it('points every app at the PostgreSQL and Kafka services as they are configured', () => {
    const pg = compose.services.postgres;
    const kafka = compose.services.kafka.environment!;
    for (const app of apps) {
      const url = new URL(configOf(app).DATABASE_URL!);
      expect([url.hostname, url.port, url.username, url.pathname]).toEqual([
        'postgres',
        '5432',
        pg.environment!.POSTGRES_USER,
        `/${pg.environment!.POSTGRES_DB}`,
      ]);
      expect(decodeURIComponent(url.password)).toBe(interpolate(pg.environment!.POSTGRES_PASSWORD));
      expect(String(kafka.KAFKA_ADVERTISED_LISTENERS)).toContain(`PLAINTEXT://${configOf(app).KAFKA_BROKERS}`);
      expect(app[1].depends_on).toEqual({ postgres: { condition: 'service_healthy' }, kafka: { condition: 'service_healthy' } });
    }
  });

  it('keeps every file an app writes on a named volume, and every stateful service on its own', () => {
    const pathKeys = ['SQLITE_PATH', 'READ_MODEL_PATH', 'ETA_READ_MODEL_PATH', 'RELAY_CHECKPOINT_PATH', 'NOTIFIER_DB_PATH', 'NOTIFIER_OUTBOX_DIR'] as const;
    for (const app of apps) {
      const config = configOf(app);
      const volumes = mounts(app[1]);
      for (const key of pathKeys) expect([key, volumes.some((m) => config[key].startsWith(`${m.path}/`))]).toEqual([key, true]);
    }
    const dataDirs = {
      postgres: '/var/lib/postgresql/data',
      kafka: String(compose.services.kafka.environment!.KAFKA_LOG_DIRS),
      kurrentdb: '/var/lib/kurrentdb',
    };
    for (const [name, dir] of Object.entries(dataDirs)) expect(mounts(compose.services[name]).map((m) => m.path)).toEqual([dir]);
    const used = new Set(services.flatMap(([, s]) => mounts(s).map((m) => m.volume)));
    expect([...used].sort()).toEqual(Object.keys(compose.volumes).sort());
  });

  it('restarts and health-checks every service; Kafka is KRaft 3.9.x; KurrentDB is an opt-in profile', () => {
    for (const [name, s] of services) expect([name, s.restart, Array.isArray(s.healthcheck?.test)]).toEqual([name, 'unless-stopped', true]);
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:3\.9\.\d+$/);
    expect(String(compose.services.kafka.environment!.KAFKA_PROCESS_ROLES)).toBe('broker,controller');
    expect(compose.services.kurrentdb.profiles).toEqual(['kurrentdb']);
  });
});

describe('docker/Dockerfile and .dockerignore', () => {
  const dockerfile = read('docker/Dockerfile');
  it('builds with npm ci on a Node LTS base and runs as a non-root user owning its data directory, with a healthcheck', () => {
    const bases = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((m) => Number(m[1]));
    expect(bases.length).toBeGreaterThan(0);
    for (const major of bases) expect(major % 2 === 0 && major >= 22).toBe(true); // even majors are LTS; 20 ended in April 2026
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN mkdir -p \/app\/data && chown node:node \/app\/data$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*docker\/healthcheck\.js/m);
    expect(existsSync(join(ROOT, 'docker/healthcheck.js'))).toBe(true);
  });

  it('keeps the repository, local data and caches out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'data', 'dist', '.cache', 'coverage']));
  });
});
