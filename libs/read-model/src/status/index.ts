export * from './in-memory.status-view.store';
export * from './sqlite.status-view.store';
export * from './postgres.status-view.store';
