export * from './shared/event';
export * from './shared/domain-error';
export * from './order/milestone';
export * from './order/order.events';
export * from './order/order.commands';
export * from './order/order.state';
export * from './order/order.decider';
export * from './notification/notification.types';
