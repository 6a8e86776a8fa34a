export * from './partner-outbox.store.port';
export * from './partner-webhook.sender.port';
export * from './partner-outbox.projection';
export * from './partner-outbox.dispatcher';
