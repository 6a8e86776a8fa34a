import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describeIfReachable, dockerProbe, probeSync, tcpProbe } from '@ot/testing';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { freePort } from '../../bench/scale/worker-process';

/**
 * Where a Docker engine answers, the servers the product runs on start as containers (PostgreSQL,
 * Kafka in KRaft mode, KurrentDB) and the existing contract and end-to-end suites that need them run
 * against those, unchanged: they read DATABASE_URL, KAFKA_BROKERS and EVENTSTORE_URL like .ci/run's.
 * Without an engine the probe answers within a second and the suite skips with one line.
 */
const ROOT = resolve(__dirname, '../..');
const SUITES = ['libs/event-store/src/postgres', 'libs/event-store/src/eventstoredb', 'libs/messaging/src/kafka', 'test/e2e/postgres', 'test/kafka'];
const engine = new URL(process.env.DOCKER_HOST || 'unix:///var/run/docker.sock');
const skip = probeSync(engine.protocol === 'tcp:' ? tcpProbe(engine.hostname, Number(engine.port)) : dockerProbe(engine.pathname), 3000);

describeIfReachable('containers: contract and e2e suites on PostgreSQL, Kafka and KurrentDB containers', skip && `no Docker engine (${skip})`, () => {
  jest.setTimeout(600_000);
  const started: StartedTestContainer[] = [];
  afterAll(async () => {
    await Promise.all(started.map((c) => c.stop()));
  });

  it('passes the suites that need external servers', async () => {
    const kafkaPort = await freePort(); // advertised to clients, so fixed before the broker starts
    const [postgres, kafka, kurrent] = await Promise.all([
      new GenericContainer('postgres:17-bookworm')
        .withEnvironment({ POSTGRES_PASSWORD: 'containers', POSTGRES_DB: 'test' })
        .withExposedPorts(5432)
        .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
        .start(),
      new GenericContainer('apache/kafka:3.9.1')
        .withEnvironment({
          KAFKA_NODE_ID: '1',
          KAFKA_PROCESS_ROLES: 'broker,controller',
          KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
          KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
          KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}`,
          KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
          KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
          KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
          KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
          KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
        })
        .withExposedPorts({ container: 9092, host: kafkaPort })
        .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
        .start(),
      new GenericContainer('kurrentplatform/kurrentdb:26.1.1')
        .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None', KURRENTDB_CLUSTER_SIZE: '1' })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
        .start(),
    ]);
    started.push(postgres, kafka, kurrent);
    const env = {
      ...process.env,
      DATABASE_URL: `postgres://postgres:containers@${postgres.getHost()}:${postgres.getMappedPort(5432)}/test`,
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      EVENTSTORE_URL: `esdb://${kurrent.getHost()}:${kurrent.getMappedPort(2113)}?tls=false`,
    };
    const run = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/jest/bin/jest.js'), '--runInBand', ...SUITES], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 540_000,
    });
    const summary = run.stderr.split('\n').filter((l) => /^(Tests|Test Suites):/.test(l));
    console.log(['suites on containers:', ...summary].join('\n  '));
    expect(run.stderr).not.toMatch(/SKIPPED/); // every suite found its server
    expect(run.status).toBe(0);
  });
});
