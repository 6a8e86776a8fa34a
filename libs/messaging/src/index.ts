export * from './in-process/in-process.message-bus';
export * from './kafka/kafka.config';
export * from './kafka/kafka.message-bus';
export * from './relay/event-relay';
export * from './relay/in-memory.checkpoint.store';
export * from './relay/sqlite.checkpoint.store';
export * from './relay/postgres.checkpoint.store';
