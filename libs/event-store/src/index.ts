export * from './in-memory/in-memory.event-store';
export * from './sqlite/sqlite.event-store';
