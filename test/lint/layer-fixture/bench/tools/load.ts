// allowed: bench may use libs/testing
export * from '@ot/testing';
