import { loadConfig } from './load-config';
import { ROLE_DEFAULTS, WORKER_ROLES } from './worker-roles';

const running = (role: keyof typeof ROLE_DEFAULTS, env: Record<string, string> = { KAFKA_BROKERS: '127.0.0.1:9092' }) => {
  const c = loadConfig(env, { defaults: ROLE_DEFAULTS[role] });
  return (['RUN_STATUS_PROJECTION', 'RUN_RELAY', 'RUN_ETA', 'RUN_NOTIFIER', 'RUN_PARTNER_OUTBOX'] as const).filter((k) => c[k] === 'true');
};

describe('worker roles', () => {
  it('run one job each, so N replicas of a role never publish, forecast or notify twice by accident', () => {
    expect(Object.fromEntries(WORKER_ROLES.filter((r) => r !== 'notifier').map((r) => [r, running(r)]))).toEqual({
      api: ['RUN_STATUS_PROJECTION'],
      relay: ['RUN_RELAY', 'RUN_PARTNER_OUTBOX'],
      'status-projector': ['RUN_STATUS_PROJECTION'],
      eta: ['RUN_ETA'],
    });
  });

  it('default the relay and the notifier to Kafka, and leave the environment the last word', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k:9092' }, { defaults: ROLE_DEFAULTS.relay }).BUS).toBe('kafka');
    expect(loadConfig({ KAFKA_BROKERS: 'k:9092' }, { defaults: ROLE_DEFAULTS.notifier }).BUS).toBe('kafka');
    expect(running('api', { RUN_RELAY: 'true' })).toEqual(['RUN_STATUS_PROJECTION', 'RUN_RELAY']);
  });

  it('leave the embedded default (no role) running everything in one process', () => {
    expect(loadConfig({})).toMatchObject({
      RUN_STATUS_PROJECTION: 'true',
      RUN_RELAY: 'true',
      RUN_ETA: 'true',
      RUN_NOTIFIER: 'true',
      RUN_PARTNER_OUTBOX: 'true',
    });
  });
});
