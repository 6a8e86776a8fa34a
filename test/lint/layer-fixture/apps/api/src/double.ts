// violation: production code loading test doubles
export * from '@ot/testing';
