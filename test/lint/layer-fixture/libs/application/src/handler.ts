// violation: application reaching a driver
export { Client } from 'pg';
