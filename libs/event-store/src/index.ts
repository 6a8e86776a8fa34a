export * from './in-memory/in-memory.event-store';
export * from './sqlite/sqlite.event-store';
export * from './postgres/postgres.event-store';
export type { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb.event-store';
export { openEventStoreDb } from './eventstoredb/open-eventstoredb';
export { POSTGRES_EVENT_MIGRATIONS } from './postgres/postgres.migrations';
export { postgresNames } from './postgres/postgres.schema';
