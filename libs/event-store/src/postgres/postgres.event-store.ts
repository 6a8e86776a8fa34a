import { Logger } from '@nestjs/common';
import type { AppendResult, EventStore, NewEvent, ReadStreamResult, RecordedEvent, Subscription } from '@ot/application';
import type { OrderEvent } from '@ot/domain';
import { Pool } from 'pg';
import { CatchUpSubscriptions } from '../shared/catch-up.subscriptions';
import { GroupCommitQueue } from '../shared/group-commit.queue';
import { commitGroupToPostgres } from './postgres.group-commit';
import { PostgresListener } from './postgres.listener';
import { migratePostgresEventSchema } from './postgres.migrations';
import { POSTGRES_EVENT_COLUMNS, type PostgresEventRow, type PostgresNames, postgresNames } from './postgres.schema';
import { postgresUnreachable } from '@ot/sql';

export type PostgresEventStoreOptions = {
  connectionString: string;
  /** Lower-case SQL identifier; defaults to public. Tests use a fresh one per run. */
  schema?: string;
  /** Appends committed per transaction at most; 1 turns group commit off. */
  maxGroupSize?: number;
  /** How often subscriptions re-read when no NOTIFY arrives (a lost LISTEN connection, missed wake-ups). */
  pollMs?: number;
  poolSize?: number;
};

/** Shared store for several nodes: gap-safe global order, group commit, LISTEN/NOTIFY plus polling subscriptions. */
export class PostgresEventStore implements EventStore {
  private readonly subscriptions: CatchUpSubscriptions;
  private readonly queue: GroupCommitQueue;
  private readonly listener: PostgresListener;

  private constructor(
    private readonly pool: Pool,
    private readonly names: PostgresNames,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.queue = new GroupCommitQueue((group) => commitGroupToPostgres(pool, names, group), options.maxGroupSize);
    this.subscriptions = new CatchUpSubscriptions((after, limit) => this.readAll(after, limit), { pollMs: options.pollMs ?? 250 });
    this.listener = new PostgresListener(options.connectionString, names.channel, () => this.subscriptions.wakeAll());
  }

  /** Connects and brings the schema up to the latest migration (creating it if missing). */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const names = postgresNames(options.schema ?? 'public');
    const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 5 });
    pool.on('error', (error) => new Logger('PostgresEventStore').warn(`idle connection failed: ${String(error)}`)); // else it crashes the process
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw postgresUnreachable(options.connectionString, error);
    }
    try {
      await migratePostgresEventSchema(pool, names);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, names, options);
  }

  async readStream<E extends OrderEvent = OrderEvent>(streamId: string): Promise<ReadStreamResult<E>> {
    const { rows } = await this.pool.query<PostgresEventRow>({
      name: `${this.names.statement}_read_stream`,
      text: `SELECT ${POSTGRES_EVENT_COLUMNS} FROM ${this.names.events} WHERE stream_id = $1 ORDER BY stream_version`,
      values: [streamId],
    });
    return { events: rows.map((row) => toRecorded(row) as RecordedEvent<E>), version: rows.length };
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], { expectedVersion }: { expectedVersion: number }): Promise<AppendResult> {
    const result = await this.queue.enqueue({ streamId, events, expectedVersion });
    this.subscriptions.wakeAll(); // do not wait for our own NOTIFY round trip
    return result;
  }

  async readAll(afterPosition: number, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<PostgresEventRow>({
      name: `${this.names.statement}_read_all`,
      text: `SELECT ${POSTGRES_EVENT_COLUMNS} FROM ${this.names.events} WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      values: [afterPosition, limit],
    });
    return rows.map(toRecorded);
  }

  subscribeToAll(afterPosition: number, onEvents: (events: RecordedEvent[]) => Promise<void>): Subscription {
    this.listener.ensureListening();
    return this.subscriptions.subscribe(afterPosition, onEvents);
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.queue.drained();
    await this.listener.close();
    await this.pool.end();
  }
}

function toRecorded(row: PostgresEventRow): RecordedEvent {
  return {
    type: row.type,
    data: row.data,
    ...(row.metadata === null ? {} : { metadata: row.metadata }),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: Number(row.global_position), // bigint arrives as a string; exact below 2^53
    recordedAt: row.recorded_at.toISOString(),
  } as RecordedEvent;
}
