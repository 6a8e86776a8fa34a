// Read-model adapters: status/ (status documents) and eta/ (ETA predictions), each with its own index.
export * from './status';
export * from './eta';
