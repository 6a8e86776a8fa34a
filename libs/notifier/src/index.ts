export { buildNotifier } from './notifier.bootstrap';
export type { NotifierConfig } from './config/notifier.config';
export { NOTIFIER_CONFIG, NOTIFIER_DEPS } from './notifier.tokens';
export type { NotifierDeps } from './notifier.deps';
export { openNotifierDb } from './stores/notifier.schema';
export { SqliteNotificationStore } from './stores/sqlite-notification.store';
export { SqlitePreferencesStore } from './stores/sqlite-preferences.store';
