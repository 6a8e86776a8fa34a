import { Logger, type LogLevel } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { AppConfig, DEV_SECRETS, LOG_LEVELS } from './app.config';

/** Thrown before anything starts, naming every bad variable at once so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads only the variables AppConfig declares (the rest of the environment is none of our
 * business) and treats an empty value as unset, so `PORT=` falls back to the default.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, logger: Pick<Logger, 'warn'> = new Logger('Config')): AppConfig {
  const known = Object.keys(new AppConfig());
  const given = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true, stopAtFirstError: true }); // one message per variable is enough to fix it
  if (errors.length) throw new ConfigError(errors.map(describe));
  const devSecrets = Object.entries(DEV_SECRETS).filter(([name, value]) => config[name as keyof typeof DEV_SECRETS] === value);
  if (devSecrets.length) {
    logger.warn(`Using published development secrets for ${devSecrets.map(([name]) => name).join(', ')}; set them before exposing this service`);
  }
  return config;
}

/** Never echoes the value: a secret that is merely too short must not end up in the logs. */
function describe(error: ValidationError): string {
  return `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`;
}

export const logLevelsUpTo = (level: AppConfig['LOG_LEVEL']): LogLevel[] => LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
