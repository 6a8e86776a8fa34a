import type { LogLevel } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { DEV_PARTNER_URLS, DEV_SECRETS, LOG_LEVELS, ServiceConfig } from './service.config';

/** Thrown before anything starts, naming every bad variable at once so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

export type LoadOptions = {
  /** Told (by name only) which published development secrets are in use. */
  warn?: (message: string) => void;
  /** A process's own defaults, applied where the environment leaves a variable unset (the standalone notifier: BUS=kafka). */
  defaults?: Partial<Record<keyof ServiceConfig, string>>;
};

/** Every variable the schema declares, in declaration order (README's table is checked against it). */
export const CONFIG_KEYS = Object.keys(new ServiceConfig()) as (keyof ServiceConfig)[];

/**
 * The one way any process reads its settings. Reads only the variables ServiceConfig declares (the
 * rest of the environment is none of our business), treats an empty value as unset, and throws
 * ConfigError listing every problem; call it before anything opens a file or a socket.
 */
export function loadConfig(env: Environment, options: LoadOptions = {}): ServiceConfig {
  const given: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key] || options.defaults?.[key];
    if (value) given[key] = value;
  }
  const config = plainToInstance(ServiceConfig, given, { exposeDefaultValues: true });
  // one message per variable is enough to fix it
  const problems = validateSync(config, { forbidUnknownValues: true, stopAtFirstError: true }).map(describe);
  const devSecrets = devSecretsIn(config);
  if (config.NODE_ENV === 'production') {
    problems.push(...devSecrets.map((name) => `${name}: the published development default cannot be used with NODE_ENV=production`));
    problems.push(...devPartnerUrlsIn(config).map((name) => `${name}: the development partner sandbox cannot be used with NODE_ENV=production`));
  }
  if (problems.length) throw new ConfigError(problems);
  if (devSecrets.length) options.warn?.(`Using published development secrets for ${devSecrets.join(', ')}; set them before exposing this service`);
  return config;
}

/** Names (never values) of the secrets still at their published default. */
export const devSecretsIn = (config: ServiceConfig): string[] =>
  (Object.keys(DEV_SECRETS) as (keyof typeof DEV_SECRETS)[]).filter((name) => config[name] === DEV_SECRETS[name]);

const devPartnerUrlsIn = (config: ServiceConfig): string[] =>
  (Object.keys(DEV_PARTNER_URLS) as (keyof typeof DEV_PARTNER_URLS)[]).filter((name) => config[name] === DEV_PARTNER_URLS[name]);

/** Never echoes the value: a secret that is merely too short must not end up in the logs. */
function describe(error: ValidationError): string {
  return `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`;
}

export const logLevelsUpTo = (level: ServiceConfig['LOG_LEVEL']): LogLevel[] => LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
