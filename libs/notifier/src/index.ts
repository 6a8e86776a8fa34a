export { buildNotifier } from './notifier.bootstrap';
export { NotifierModule } from './notifier.module';
export { NOTIFIER_DEPS } from './notifier.tokens';
export { DeadLettersQuery } from './ops/dead-letters.query';
export { NotificationLogQuery } from './ops/notification-log.query';
export type { NotifierDeps, NotifierOverrides } from './notifier.deps';
export { openNotifierDb } from './stores/notifier.schema';
export { SqliteNotificationStore } from './stores/sqlite-notification.store';
export { SqlitePreferencesStore } from './stores/sqlite-preferences.store';
