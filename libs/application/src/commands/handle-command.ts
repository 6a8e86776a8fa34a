import { decide, DomainError, evolve, initialOrder, isPartnerEvent, type OrderCommand, type OrderEvent, streamIdOf } from '@ot/domain';
import type { EventStore, NewEvent, RecordedEvent } from '../ports/event-store.port';
import { KeyedSerialQueue } from './keyed-serial.queue';

export type CommandOutcome = {
  orderId: string;
  /** 'duplicate': the partner event had been recorded before; nothing was appended. */
  outcome: 'appended' | 'duplicate' | 'unchanged';
  /** Stream version of the (original, for a duplicate) event; the stream's version when unchanged. */
  streamVersion: number;
  events: OrderEvent[];
};

export type HandleOptions = {
  /**
   * A conclusion judged on the order as of this stream version: partner news recorded after it is
   * left out of the decision (it is judged when projected), so the outcome does not depend on how
   * far ingestion ran ahead of the judge.
   */
  partnerNewsUpTo?: number;
  /** Stamped on every appended event, e.g. the request id, to follow a webhook downstream. */
  metadata?: NewEvent['metadata'];
};

const MAX_ATTEMPTS = 5;

/**
 * Commands for one order wait for each other within the process (one queue per store handle),
 * so a burst of scans for one order is appended in arrival order without colliding; a version
 * conflict, and so a 412 once retries run out, is left for writers in other processes.
 */
const queues = new WeakMap<EventStore, KeyedSerialQueue>();

/**
 * Read, fold, decide, append. A version conflict means someone appended between our read and
 * our write: read again and re-decide (the new state may make the command a duplicate).
 */
export function handleCommand(store: EventStore, orderId: string, command: OrderCommand, opts: HandleOptions = {}): Promise<CommandOutcome> {
  let queue = queues.get(store);
  if (!queue) queues.set(store, (queue = new KeyedSerialQueue()));
  const streamId = streamIdOf(orderId);
  return queue.run(streamId, () => decideAndAppend(store, orderId, streamId, command, opts));
}

async function decideAndAppend(
  store: EventStore,
  orderId: string,
  streamId: string,
  command: OrderCommand,
  { partnerNewsUpTo: known, metadata }: HandleOptions,
): Promise<CommandOutcome> {
  for (let attempt = 1; ; attempt++) {
    const { events, version } = await store.readStream(streamId);
    const folded = known === undefined ? events : events.filter((e) => e.streamVersion <= known || !isPartnerEvent(e));
    const newEvents = decide(command, folded.reduce(evolve, initialOrder()));
    if (newEvents.length === 0) return unchangedOutcome(orderId, command, events, version);
    try {
      const stamped = metadata ? newEvents.map((e) => ({ ...e, metadata })) : newEvents;
      const { nextVersion } = await store.appendToStream(streamId, stamped, { expectedVersion: version });
      return { orderId, outcome: 'appended', streamVersion: nextVersion, events: newEvents };
    } catch (error) {
      const retryable = error instanceof DomainError && error.code === 'VERSION_CONFLICT' && attempt < MAX_ATTEMPTS;
      if (!retryable) throw error;
    }
  }
}

function unchangedOutcome(orderId: string, command: OrderCommand, events: RecordedEvent[], version: number): CommandOutcome {
  if (command.type !== 'RecordPartnerEvent') return { orderId, outcome: 'unchanged', streamVersion: version, events: [] };
  const { partner, partnerEventId } = command.data.event.data;
  const original = events.find((e) => 'partnerEventId' in e.data && e.data.partnerEventId === partnerEventId && e.data.partner === partner);
  return { orderId, outcome: 'duplicate', streamVersion: original?.streamVersion ?? version, events: original ? [original] : [] };
}
