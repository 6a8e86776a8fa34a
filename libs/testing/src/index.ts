export * from './fake-clock';
export * from './decider-spec';
export * from './order-events.fixture';
export * from './eventually';
