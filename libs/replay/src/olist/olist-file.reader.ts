import { readFileSync } from 'node:fs';
import { parseCsv } from '../csv/csv.parser';
import { type OlistOrder, toOlistOrder } from './olist-order';

/** The orders of an Olist CSV, in file order; `limit` keeps the first N (for smoke runs). */
export function readOlistOrders(path: string, limit?: number): OlistOrder[] {
  const orders = parseCsv(readFileSync(path, 'utf8')).map(toOlistOrder);
  return limit !== undefined ? orders.slice(0, limit) : orders;
}
