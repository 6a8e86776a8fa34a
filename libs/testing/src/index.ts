export * from './fake-clock';
export * from './decider-spec';
export * from './order-events.fixture';
export * from './eventually';
export * from './recording-channel.sender';
export * from './simple-test.policy';
export * from './reachability.probe';
export * from './kafka-reachable.probe';
