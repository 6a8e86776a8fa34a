import type { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './load-config';

const silent = () => ({ warn: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

describe('loadConfig', () => {
  it('runs embedded with no environment at all, warning (by name only) about dev secrets', () => {
    const logger = silent();
    const config = loadConfig({}, logger);
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', EVENT_STORE: 'sqlite', SQLITE_PATH: './data/events.db', READ_MODEL_PATH: './data/read-model.db', BODY_LIMIT_BYTES: 65536 });
    const warning = logger.warn.mock.calls[0][0] as string;
    expect(warning).toContain('JWT_SECRET');
    expect(warning).not.toContain(config.JWT_SECRET);
  });

  it('treats empty values as unset and converts numbers', () => {
    expect(loadConfig({ PORT: '', BODY_LIMIT_BYTES: '2048' }, silent())).toMatchObject({ PORT: 3000, BODY_LIMIT_BYTES: 2048 });
  });

  it('lists every bad variable at once, without echoing secret values', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'mongo', JWT_SECRET: 'short-pw', BODY_LIMIT_BYTES: '-1' }, silent());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['BODY_LIMIT_BYTES', 'EVENT_STORE', 'JWT_SECRET', 'PORT']);
    expect(message).not.toContain('short-pw');
  });

  it('requires the connection string of the chosen external store', () => {
    expect(() => loadConfig({ EVENT_STORE: 'postgres' }, silent())).toThrow(/DATABASE_URL is required/);
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' }, silent())).toThrow(/EVENTSTORE_URL is required/);
    expect(loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://x@127.0.0.1/db' }, silent()).DATABASE_URL).toBe('postgres://x@127.0.0.1/db');
  });

  it('ignores variables it does not own', () => {
    expect(() => loadConfig({ NOTIFIER_PORT: 'x', TWILIO_FROM: 'y' }, silent())).not.toThrow();
  });

  it('needs brokers when the bus is Kafka', () => {
    expect(() => loadConfig({ BUS: 'kafka' }, silent())).toThrow(/KAFKA_BROKERS must be host:port/);
    expect(loadConfig({ BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:19092' }, silent()).KAFKA_BROKERS).toBe('127.0.0.1:19092');
  });
});
