/** Injection tokens: the module binds the ports to whatever adapters bootstrap chose. */
export const NOTIFIER_CONFIG = Symbol('NOTIFIER_CONFIG');
export const NOTIFIER_DEPS = Symbol('NOTIFIER_DEPS');
