import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Nest's LoggerService on pino, so `new Logger('Relay').warn(...)` anywhere in the process writes one
 * JSON line with its context. Nest passes (message, ...params, context) and, for errors, a stack.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
  /** The level is the root logger's, set once from configuration: a second Nest app built in the process must not change it. */
  setLogLevels(): void {}

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = params.length && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    for (const p of params) {
      if (p instanceof Error) fields.err = p;
      else if (typeof p === 'string')
        fields.stack = p; // Nest's error(message, stack, context)
      else if (p !== undefined) fields.detail = p;
    }
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'string') this.pino[level](fields, message);
    else this.pino[level]({ ...fields, detail: message });
  }
}

/** The most verbose of Nest's levels, as pino's threshold. */
export function pinoLevelOf(levels: readonly NestLogLevel[]): 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' {
  const order: [NestLogLevel, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'][] = [
    ['verbose', 'trace'],
    ['debug', 'debug'],
    ['log', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
    ['fatal', 'fatal'],
  ];
  return order.find(([nest]) => levels.includes(nest))?.[1] ?? 'fatal';
}
