import { Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DEV_JWT_SECRET, NotifierConfig } from './notifier.config';

export class NotifierConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid notifier configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'NotifierConfigError';
  }
}

/** Reads only the declared variables, treats empty as unset, and names every bad one at once (never its value). */
export function loadNotifierConfig(env: NodeJS.ProcessEnv, warn: (m: string) => void = (m) => new Logger('Notifier').warn(m)): NotifierConfig {
  const known = Object.keys(new NotifierConfig()).concat('KAFKA_BROKERS', 'KAFKA_LOG_LEVEL');
  const given = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(NotifierConfig, given, { exposeDefaultValues: true });
  const errors = validateSync(config);
  if (errors.length) throw new NotifierConfigError(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`));
  if (config.JWT_SECRET === DEV_JWT_SECRET) warn('notifier: JWT_SECRET is the published development default; set it before exposing this service');
  return config;
}
