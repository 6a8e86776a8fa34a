export * from './service.config';
export * from './load-config';
export * from './worker-roles';
export * from './aftercare-policy';
export * from './v8-flags';
export * from './command-usage';
