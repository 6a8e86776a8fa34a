export * from './eta-view.store.port';
export * from './open-order';
export * from './kept-forecast';
export * from './eta.projection';
export * from './eta.pipeline';
