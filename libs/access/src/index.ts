export * from './bearer-token.verifier';
export * from './owner.rule';
