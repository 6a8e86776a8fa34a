export * from './sqlite.delay-board.store';
