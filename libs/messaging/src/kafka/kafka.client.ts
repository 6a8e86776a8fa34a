import { Logger } from '@nestjs/common';
import type * as KafkaJs from 'kafkajs';
import type { Kafka, KafkaConfig, LogEntry, logCreator } from 'kafkajs';
import type { KafkaBusConfig } from './kafka.config';

// Required on first use, not at start: the embedded default runs the in-process bus, and loading kafkajs
// cost about 30 ms and 12 MB of RSS at every start (docs/PERFORMANCE.md, session 9).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
export const kafkajs = (): typeof KafkaJs => require('kafkajs') as typeof KafkaJs;

/** A kafkajs client at the configuration's log level; `overrides` for one-off clients (health probes). */
export function kafkaClient(
  config: Pick<KafkaBusConfig, 'brokers' | 'clientId'> & Partial<Pick<KafkaBusConfig, 'logLevel'>>,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  const { Kafka: Client, logLevel } = kafkajs();
  const level = { nothing: logLevel.NOTHING, error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO }[config.logLevel ?? 'nothing'];
  return new Client({ clientId: config.clientId, brokers: [...config.brokers], logLevel: level, logCreator: toProcessLogger, ...overrides });
}

const BROKER_FIELDS = ['error', 'groupId', 'broker', 'topic', 'retryCount', 'retryTime'] as const;

/** kafkajs's lines through the process's one logger (JSON by pino in every app), one line each, no stack. */
const toProcessLogger: logCreator = () => {
  const logger = new Logger('kafkajs');
  const { logLevel } = kafkajs();
  return ({ namespace, level, log }: LogEntry) => {
    const fields = BROKER_FIELDS.filter((k) => log[k] !== undefined).map((k) => `${k}=${String(log[k])}`);
    const line = `${namespace ? `[${namespace}] ` : ''}${log.message}${fields.length ? ` (${fields.join(', ')})` : ''}`.replace(/\s*\n\s*/g, ' ');
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else if (level === logLevel.INFO) logger.log(line);
    else logger.debug(line);
  };
};
