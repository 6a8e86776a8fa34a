import { describeIfReachable, probeSync, tcpProbe } from './reachability.probe';

/** Why the Kafka suites cannot run here, or null when they can: KAFKA_BROKERS set and its first broker answering. */
export function kafkaSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  const brokers = env.KAFKA_BROKERS?.trim();
  if (!brokers) return 'KAFKA_BROKERS is not set (start one with scripts/kafka/start.sh)';
  const [host, port] = brokers.split(',')[0].split(':');
  return probeSync(tcpProbe(host, Number(port)));
}

/** describe when Kafka is reachable, else a visible skip with the reason printed once. */
export function describeWithKafka(name: string, body: () => void): void {
  describeIfReachable(`kafka: ${name}`, kafkaSkipReason(), body);
}
