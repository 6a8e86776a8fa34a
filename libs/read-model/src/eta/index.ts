export * from './in-memory.eta-view.store';
export * from './sqlite.eta-view.store';
export * from './postgres.eta-view.store';
