import type { Migration } from '@ot/sql';

/** The outbound webhook outbox, the same SQL on SQLite and PostgreSQL (instants as ISO text, see the port). */
export const PARTNER_OUTBOX_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'partner outbox',
    up: `CREATE TABLE partner_outbox (
      delivery_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, partner TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
      state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, last_error TEXT, delivered_at TEXT);
    CREATE INDEX partner_outbox_due ON partner_outbox (state, next_attempt_at);
    CREATE TABLE partner_outbox_checkpoint (id INTEGER PRIMARY KEY, position BIGINT NOT NULL);`,
  },
];
