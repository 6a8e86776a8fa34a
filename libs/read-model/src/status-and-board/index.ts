export * from './sqlite.status-and-board.store';
