// Read-model adapters: status/ (status documents), eta/ (ETA predictions), documents/ (both read together for GET /orders/:id), delay-board/ (the ops board) and status-and-board/ (those two in one file, one commit), each with its own index.
export * from './status';
export * from './eta';
export * from './delay-board';
export * from './documents';
export * from './status-and-board';
