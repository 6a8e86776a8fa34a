export * from './in-memory/in-memory.event-store';
export * from './sqlite/sqlite.event-store';
export * from './postgres/postgres.event-store';
export * from './eventstoredb/eventstoredb.event-store';
export { POSTGRES_EVENT_MIGRATIONS } from './postgres/postgres.migrations';
export { postgresNames } from './postgres/postgres.schema';
