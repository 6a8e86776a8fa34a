// SQL plumbing shared by the stores of several libs: numbered migrations (SQLite and PostgreSQL) and one PostgreSQL pool.
export * from './migration';
export * from './sqlite.migrations';
export * from './postgres.database';
export * from './postgres.migrations';
export * from './postgres.listener';
export * from './sqlite.checkpoint-anchoring';
export * from './postgres.unreachable';
