import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskText, REDACT_PATHS } from './log-masking';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * The process's one pino logger: JSON lines on stdout, level names instead of numbers, sensitive keys
 * redacted and every string argument masked. `destination` lets a test read what was written.
 */
export function createRootLogger(options: { service: string; level: LogLevel; destination?: DestinationStream }): Logger {
  const config: LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime, // read by people as often as by machines
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>);
      },
    },
    serializers: { err: (error: unknown) => serializeError(error) },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** An error's message and stack, masked: vendor errors quote recipients. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? maskText(error) : error;
  return { type: error.name, message: maskText(error.message), stack: error.stack ? maskText(error.stack) : undefined };
}
