export * from './delay-watch';
export * from './delay.rules';
