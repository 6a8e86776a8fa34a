export { buildNotifier } from './notifier.bootstrap';
export { NotifierModule } from './notifier.module';
export { NOTIFIER_DEPS } from './notifier.tokens';
export type { NotifierDeps, NotifierOverrides } from './notifier.deps';
export { openNotifierDb } from './stores/notifier.schema';
export { SqliteNotificationLog } from './stores/sqlite.notification.log';
export { SqliteNotificationStore } from './stores/sqlite.notification.store';
export { SqlitePreferencesStore } from './stores/sqlite.preferences.store';
