// violation: one app importing another
export { worker } from '../../worker/src/main';
export const api = 'api';
