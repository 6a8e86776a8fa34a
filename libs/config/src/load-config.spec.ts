import { ConfigError, loadConfig } from './load-config';
import { DEV_PARTNER_URLS, DEV_SECRETS } from './service.config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('runs embedded with no environment at all, warning (by name only) about dev secrets', () => {
    const warn = jest.fn();
    const config = loadConfig({}, { warn });
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', EVENT_STORE: 'sqlite', BUS: 'in-process', RUN_NOTIFIER: 'true', NODE_ENV: 'development' });
    const warning = warn.mock.calls[0][0] as string;
    expect(warning).toContain('JWT_SECRET');
    expect(warning).not.toContain(config.JWT_SECRET);
  });

  it('treats empty values as unset and converts numbers', () => {
    expect(loadConfig({ PORT: '', BODY_LIMIT_BYTES: '2048', NOTIFIER_MAX_ATTEMPTS: '3' })).toMatchObject({
      PORT: 3000,
      BODY_LIMIT_BYTES: 2048,
      NOTIFIER_MAX_ATTEMPTS: 3,
    });
  });

  it('lists every bad variable at once, of the service and the notifier alike, without echoing secret values', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'mongo', JWT_SECRET: 'short-pw', BODY_LIMIT_BYTES: '-1', NOTIFIER_MAX_ATTEMPTS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['BODY_LIMIT_BYTES', 'EVENT_STORE', 'JWT_SECRET', 'NOTIFIER_MAX_ATTEMPTS', 'PORT']);
    expect(message).not.toContain('short-pw');
  });

  it('has one JWT rule: a secret the service accepts is one every route accepts (16 characters at least)', () => {
    expect(problemsOf({ JWT_SECRET: 'x'.repeat(15) })).toEqual([expect.stringMatching(/^JWT_SECRET: /)]);
    expect(problemsOf({ JWT_SECRET: 'x'.repeat(16) })).toEqual([]);
    expect(DEV_SECRETS.JWT_SECRET.length).toBeGreaterThanOrEqual(16); // the default passes its own rule
  });

  it('refuses to start in production while any published development secret is in use, naming each', () => {
    const real = {
      WEBHOOK_SECRET_WAREHOUSE: 'w'.repeat(32),
      WEBHOOK_SECRET_COURIER: 'c'.repeat(32),
      WEBHOOK_SECRET_PICKUP_POINT: 'p'.repeat(32),
      JWT_SECRET: 'j'.repeat(32),
      PARTNER_ACTIONS_URL_WAREHOUSE: 'https://wms.example/actions',
      PARTNER_ACTIONS_URL_COURIER: 'https://courier.example/actions',
      PARTNER_ACTIONS_URL_PICKUP_POINT: 'https://points.example/actions',
    };
    expect(
      problemsOf({ NODE_ENV: 'production' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual([...Object.keys(DEV_SECRETS), ...Object.keys(DEV_PARTNER_URLS)].sort());
    expect(problemsOf({ NODE_ENV: 'production', ...real, JWT_SECRET: DEV_SECRETS.JWT_SECRET })).toEqual([
      'JWT_SECRET: the published development default cannot be used with NODE_ENV=production',
    ]);
    const warn = jest.fn();
    expect(loadConfig({ NODE_ENV: 'production', ...real }, { warn }).NODE_ENV).toBe('production');
    expect(warn).not.toHaveBeenCalled();
  });

  it('requires the connection string of the chosen external store', () => {
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/DATABASE_URL is required/);
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_URL is required/);
    expect(() => loadConfig({ STATE_STORE: 'postgres' })).toThrow(/DATABASE_URL is required when EVENT_STORE=postgres or STATE_STORE=postgres/);
    expect(() => loadConfig({ STATE_STORE: 'postgres', DATABASE_URL: 'postgres://x@127.0.0.1/db', STATE_SCHEMA: 'Bad-Name' })).toThrow(
      /STATE_SCHEMA must be a lower-case SQL identifier/,
    );
    expect(loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://x@127.0.0.1/db' }).DATABASE_URL).toBe('postgres://x@127.0.0.1/db');
  });

  it('ignores variables it does not own', () => {
    expect(() => loadConfig({ SOMETHING_ELSE: 'x', PATH: '/usr/bin' })).not.toThrow();
  });

  it('needs brokers when the bus is Kafka, and a process may default the bus to Kafka', () => {
    expect(() => loadConfig({ BUS: 'kafka' })).toThrow(/KAFKA_BROKERS must be host:port/);
    expect(loadConfig({ BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:19092' }).KAFKA_BROKERS).toBe('127.0.0.1:19092');
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:19092' }, { defaults: { BUS: 'kafka' } }).BUS).toBe('kafka');
    expect(loadConfig({ BUS: 'in-process' }, { defaults: { BUS: 'kafka' } }).BUS).toBe('in-process');
  });

  it('names a half-configured channel vendor at start-up instead of when the first message is sent', () => {
    expect(
      problemsOf({ TWILIO_ACCOUNT_SID: 'AC1' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['TWILIO_AUTH_TOKEN', 'TWILIO_FROM']);
    expect(problemsOf({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toEqual(['MAIL_FROM: MAIL_FROM is required with SMTP_URL']);
  });
});
