export * from './bearer-token.verifier';
