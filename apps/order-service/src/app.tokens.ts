/** Injection tokens for the ports the app wires; app.providers.ts decides what stands behind each. */
export const APP_CONFIG = Symbol('AppConfig');
/** Domain time: ETA, delays, promises, and the embedded notifier's quiet hours and caps (event time when replaying history). */
export const CLOCK = Symbol('Clock');
/** Transport time: signature freshness is about when a request was sent, whatever the domain clock says. */
export const WALL_CLOCK = Symbol('WallClock');
export const EVENT_STORE = Symbol('EventStore');
export const STATUS_VIEW_STORE = Symbol('StatusViewStore');
export const ETA_VIEW_STORE = Symbol('EtaViewStore');
/** Both documents of an order in one lookup, for GET /orders/:id's cache misses. */
export const ORDER_DOCUMENTS_READER = Symbol('OrderDocumentsReader');
/** The ops console's delay board (ops-console/). */
export const DELAY_BOARD_STORE = Symbol('DelayBoardStore');
/** The status view and the delay board in one file, committed together (SQLite state), else null. */
export const STATUS_AND_BOARD_STORE = Symbol('StatusAndBoardStore');
/** Where the relay keeps how far it has published. */
export const CHECKPOINT_STORE = Symbol('CheckpointStore');
/** The PostgreSQL pool of the views and checkpoints (STATE_STORE=postgres), else null. */
export const STATE_DATABASE = Symbol('StateDatabase');
export const WEBHOOK_SECRETS = Symbol('WebhookSecrets');
/** The bus the relay publishes to (null when nobody would consume); embedded, the notifier subscribes to the same instance. */
export const MESSAGE_BUS = Symbol('MessageBus');
/** Token buckets per scope (webhook, status); see http/rate-limit. */
export const RATE_LIMITERS = Symbol('RateLimiters');
/** Customer actions (actions/): the outbound webhook outbox, its signed sender, and what the partners offer. */
export const PARTNER_OUTBOX_STORE = Symbol('PartnerOutboxStore');
export const PARTNER_WEBHOOK_SENDER = Symbol('PartnerWebhookSender');
export const PARTNER_DIRECTORY = Symbol('PartnerDirectory');

/** The validated aftercare policy file (AFTERCARE_POLICY_PATH): compensation tiers, return rules, storage extension. */
export const AFTERCARE_POLICY = Symbol('AftercarePolicy');
