import type { EventStore } from '@ot/application';
import type * as EventStoreDbAdapter from './eventstoredb.event-store';
import type { EventStoreDbEventStoreOptions } from './eventstoredb.event-store';

/**
 * The EventStoreDB adapter, required when one is opened, not at start: the embedded default never uses
 * it, and loading @eventstore/db-client (gRPC included) cost about 60 ms and 20 MB of RSS at every start
 * (docs/PERFORMANCE.md, session 9).
 */
export function openEventStoreDb(options: EventStoreDbEventStoreOptions): EventStore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  const { EventStoreDbEventStore } = require('./eventstoredb.event-store') as typeof EventStoreDbAdapter;
  return new EventStoreDbEventStore(options);
}
