export * from './zoned-time';
export * from './duration-distribution';
export * from './decayed-histogram';
export * from './eta-model.config';
export * from './eta-route';
export * from './eta-prior';
export * from './eta-learner';
export * from './eta-predictor';
