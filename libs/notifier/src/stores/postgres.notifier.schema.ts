import { type Migration, migratePostgres, type PostgresDatabase } from '@ot/sql';

/**
 * The notifier's tables in the shared PostgreSQL schema. Across hosts, the primary keys are the
 * idempotency: one handled mark per event position, one outbox row per notification id.
 * Instants are ISO text, compared as text, exactly as in the SQLite twin.
 */
export const NOTIFIER_POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'decision log, outbox, preferences, attempt log',
    up: `
      CREATE TABLE handled_events (global_position bigint PRIMARY KEY, handled_at text NOT NULL);
      CREATE TABLE order_contexts (order_id text PRIMARY KEY, context text NOT NULL);
      CREATE TABLE outbox (
        notification_id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        order_id text NOT NULL,
        customer_id text NOT NULL,
        send text NOT NULL,
        kind text NOT NULL,
        not_before text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'dead', 'superseded')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at text NOT NULL,
        sent_at text,
        last_error text,
        dead_reason text,
        dead_at text
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX outbox_customer ON outbox (customer_id, seq);
      CREATE INDEX outbox_order ON outbox (order_id) WHERE status = 'pending';
      CREATE INDEX outbox_dead ON outbox (dead_at) WHERE status = 'dead';
      CREATE TABLE preferences (customer_id text PRIMARY KEY, doc text NOT NULL);
      CREATE TABLE notification_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id text NOT NULL,
        notification_id text NOT NULL,
        kind text NOT NULL,
        channel text,
        status text NOT NULL,
        provider_message_id text,
        error text,
        at text NOT NULL
      );
      CREATE INDEX notification_log_order ON notification_log (order_id, id);`,
  },
  {
    // One webhook can be followed to the messages it caused (x-request-id on each attempt line).
    version: 2,
    name: 'attempt log request_id',
    up: `ALTER TABLE notification_log ADD COLUMN request_id text;`,
  },
  {
    // A claim keeps the instant the send was due, so a re-claim after a dead dispatcher's lease re-sends the same message.
    version: 3,
    name: 'outbox claimed_due_at',
    up: `ALTER TABLE outbox ADD COLUMN claimed_due_at text;`,
  },
  {
    version: 4,
    name: 'outbox index of queued digests by due time',
    up: `CREATE INDEX IF NOT EXISTS outbox_digests_due ON outbox (customer_id, not_before) WHERE status = 'pending' AND kind = 'digest';`,
  },
  {
    // A send held only by the customer's quiet hours, and since when it was due: a change of them releases it.
    version: 5,
    name: 'outbox held_from',
    up: `ALTER TABLE outbox ADD COLUMN held_from text;`,
  },
];

export const migrateNotifierPostgres = (db: PostgresDatabase): Promise<number> => migratePostgres(db, 'notifier', NOTIFIER_POSTGRES_MIGRATIONS);
