export * from './in-process/in-process.message-bus';
export * from './kafka/kafka.config';
export * from './kafka/kafka.message-bus';
