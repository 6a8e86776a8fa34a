// violation: production code depending on bench/
export * from '../../../bench/tools/load';
