export * from './status-and-board.projection';
