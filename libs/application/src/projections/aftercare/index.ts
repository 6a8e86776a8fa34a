export * from './aftercare.reactor';
