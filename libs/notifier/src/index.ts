export { buildNotifier } from './notifier.bootstrap';
export type { NotifierConfig } from './config/notifier.config';
export { NOTIFIER_CONFIG } from './notifier.tokens';
export { openNotifierDb } from './stores/notifier.schema';
export { SqliteNotificationLog } from './stores/sqlite.notification.log';
export { SqliteNotificationStore } from './stores/sqlite.notification.store';
export { SqlitePreferencesStore } from './stores/sqlite.preferences.store';
