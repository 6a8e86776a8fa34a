// Read-model adapters: status/ (status documents), eta/ (ETA predictions), documents/ (both read together for GET /orders/:id) and delay-board/ (the ops board), each with its own index.
export * from './status';
export * from './eta';
export * from './delay-board';
export * from './documents';
