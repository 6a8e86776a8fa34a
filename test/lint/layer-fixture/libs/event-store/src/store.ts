// violation: an adapter importing an app
export { api } from '../../../apps/api/src/main';
