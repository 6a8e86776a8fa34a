export * from './bearer-token.verifier';
export * from './order-link.token';
export * from './owner.rule';
