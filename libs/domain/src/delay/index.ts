export * from './delay-watch';
export * from './delay.rules';
export * from './delay-state';
