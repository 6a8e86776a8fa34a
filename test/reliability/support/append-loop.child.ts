/**
 * Child process for the kill -9 test: appends forever from several concurrent writers (so group
 * commit is exercised) and prints "streamId version position" for each append only after its
 * promise resolved, i.e. after the store acknowledged it. stdout to a pipe is synchronous on Linux,
 * so a printed line was acknowledged; an unprinted one may or may not be stored.
 *
 *   node -r ./scripts/swc-register.js append-loop.child.ts sqlite <file>
 *   node -r ./scripts/swc-register.js append-loop.child.ts postgres <connectionString> <schema>
 */
import type { EventStore } from '@ot/application';
import { PostgresEventStore, SqliteEventStore } from '@ot/event-store';

const WRITERS = 8;

async function openStore([kind, target, schema]: string[]): Promise<EventStore> {
  if (kind === 'sqlite') return new SqliteEventStore({ path: target });
  if (kind === 'postgres') return PostgresEventStore.connect({ connectionString: target, schema });
  throw new Error(`unknown store ${kind}`);
}

async function writer(store: EventStore, streamId: string): Promise<never> {
  for (let version = 0; ; version++) {
    const event = {
      type: 'PaymentApproved',
      data: { orderId: streamId, partner: 'warehouse', partnerEventId: `p${version}`, occurredAt: new Date().toISOString() },
    } as const;
    const { nextVersion, lastPosition } = await store.appendToStream(streamId, [event], { expectedVersion: version });
    process.stdout.write(`${streamId} ${nextVersion} ${lastPosition}\n`);
  }
}

openStore(process.argv.slice(2))
  .then((store) => Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(store, `order-w${w}`))))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
