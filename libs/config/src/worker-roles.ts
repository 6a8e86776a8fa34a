import type { ServiceConfig } from './service.config';

/**
 * The processes of the scaled shape (`npm run start:worker -- <role>`). A role only sets defaults:
 * whatever the environment says still wins, so a role never hides a setting from the schema.
 */
export const WORKER_ROLES = ['api', 'relay', 'status-projector', 'eta', 'notifier'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

type Defaults = Partial<Record<keyof ServiceConfig, string>>;
const NOTHING: Defaults = { RUN_NOTIFIER: 'false', RUN_ETA: 'false', RUN_RELAY: 'false', RUN_STATUS_PROJECTION: 'false', RUN_PARTNER_OUTBOX: 'false' };

export const ROLE_DEFAULTS: Readonly<Record<WorkerRole, Defaults>> = {
  /** Stateless replica: webhooks and status reads; its status view follows the shared event store. */
  api: { ...NOTHING, RUN_STATUS_PROJECTION: 'true' },
  /** The one publisher of the event store: to Kafka, keyed by order id, and customer actions to the partners. */
  relay: { ...NOTHING, RUN_RELAY: 'true', RUN_PARTNER_OUTBOX: 'true', BUS: 'kafka' },
  'status-projector': { ...NOTHING, RUN_STATUS_PROJECTION: 'true' },
  /** The ETA projection and the delay reactor (see docs/SCALING.md for how they split). */
  eta: { ...NOTHING, RUN_ETA: 'true' },
  /** The notifier module alone, a member of the KAFKA_GROUP_ID consumer group. */
  notifier: { BUS: 'kafka' },
};

export function isWorkerRole(value: string | undefined): value is WorkerRole {
  return (WORKER_ROLES as readonly string[]).includes(value ?? '');
}
