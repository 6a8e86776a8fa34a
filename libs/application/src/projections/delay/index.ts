export * from './delay.reactor';
