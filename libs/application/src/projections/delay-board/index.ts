export * from './delay-board.row';
export * from './delay-board.evolve';
export * from './delay-board.store.port';
export * from './delay-board.projection';
