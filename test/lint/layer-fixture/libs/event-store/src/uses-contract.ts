// violation: production code loading a shared test suite
export * from './contract/suite';
