// Read-model adapters: status/ (status documents), eta/ (ETA predictions) and delay-board/ (the ops board), each with its own index.
export * from './status';
export * from './eta';
export * from './delay-board';
