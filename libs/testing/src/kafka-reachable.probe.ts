import { spawnSync } from 'node:child_process';

/**
 * Why the Kafka suites cannot run here, or undefined when they can. Synchronous on purpose: jest has to
 * choose describe or describe.skip while it collects tests, before any async hook runs.
 */
export function kafkaSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const brokers = env.KAFKA_BROKERS?.trim();
  if (!brokers) return 'KAFKA_BROKERS is not set (start one with scripts/kafka/start.sh)';
  const [host, port] = brokers.split(',')[0].split(':');
  const probe = `require('net').connect(${Number(port)}, ${JSON.stringify(host)})
    .on('connect', () => process.exit(0)).on('error', () => process.exit(1))`;
  const result = spawnSync(process.execPath, ['-e', probe], { timeout: 5000 });
  return result.status === 0 ? undefined : `no broker answers at ${host}:${port}`;
}

/** describe when Kafka is reachable, else a visible skip with the reason printed once. */
export function describeWithKafka(name: string, body: () => void): void {
  const reason = kafkaSkipReason();
  if (reason) {
    // stderr directly: jest drops console output of suites whose tests are all skipped in multi-file runs.
    process.stderr.write(`SKIPPED kafka: ${reason} [${name}]\n`);
    describe.skip(name, body);
  } else {
    describe(name, body);
  }
}
