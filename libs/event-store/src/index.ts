export * from './in-memory/in-memory.event-store';
