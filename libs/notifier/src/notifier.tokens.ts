/** Injection tokens: the module binds the ports to the adapters createNotifierDeps chose. */
export const NOTIFIER_CONFIG = Symbol('NOTIFIER_CONFIG');
export const NOTIFIER_DEPS = Symbol('NOTIFIER_DEPS');
