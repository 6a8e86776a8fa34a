export * from './status-view.contract';
export * from './eta-view.contract';
