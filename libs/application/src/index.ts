export * from './ports/event-store.port';
export * from './ports/clock.port';
export * from './commands/handle-command';
export * from './ports/status-view.store';
export * from './projections/status/status.view';
export * from './projections/status/status.evolve';
export * from './ports/eta-view.store';
export * from './projections/projection';
