export * from './webhook-signature';
export * from './outbox/signed-partner-webhook.sender';
export * from './outbox/sqlite.partner-outbox.store';
export * from './outbox/postgres.partner-outbox.store';
export * from './directory/configured.partner-directory';
