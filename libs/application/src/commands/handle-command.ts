import { decide, DomainError, evolve, initialOrder, isPartnerEvent, type Order, type OrderCommand, type OrderEvent, streamIdOf } from '@ot/domain';
import type { EventStore, NewEvent, RecordedEvent } from '../ports/event-store.port';
import { type FoldedStream, FoldedStreams } from './folded-streams';
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
 * conflict, and so a 412 once retries run out, is left for writers in other processes. Beside the
 * queue, per store handle too: what this process last folded of each order (see FoldedStreams).
 */
const perStore = new WeakMap<EventStore, { queue: KeyedSerialQueue; folded: FoldedStreams }>();

/**
 * Decide on the state this process folded last, or read, fold and decide; then append. A version
 * conflict means someone appended between our read and our write: read again and re-decide (the new
 * state may make the command a duplicate).
 */
export function handleCommand(store: EventStore, orderId: string, command: OrderCommand, opts: HandleOptions = {}): Promise<CommandOutcome> {
  let mine = perStore.get(store);
  if (!mine) perStore.set(store, (mine = { queue: new KeyedSerialQueue(), folded: new FoldedStreams() }));
  const { queue, folded } = mine;
  const streamId = streamIdOf(orderId);
  return queue.run(streamId, async () => {
    const hit = folded.take(streamId) ?? unreadPlacement(command);
    // A judgement up to a version before the folded one decides on a part of the stream: that one reads.
    const whole = hit && (opts.partnerNewsUpTo === undefined || hit.version <= opts.partnerNewsUpTo);
    const cached = whole ? await appendOnFolded(store, orderId, streamId, command, opts, hit, folded) : undefined;
    return cached ?? decideAndAppend(store, orderId, streamId, command, opts, folded);
  });
}

/**
 * A placement of an order this process holds nothing of is decided on an empty stream without reading
 * it: the append expecting version 0 confirms that guess, and any other outcome reads (appendOnFolded).
 */
function unreadPlacement(command: OrderCommand): FoldedStream | undefined {
  return command.type === 'RecordPartnerEvent' && command.data.event.type === 'OrderPlaced' ? { version: 0, state: initialOrder() } : undefined;
}

/**
 * Decides on the state this process folded last and appends expecting its version. Only an append
 * that succeeds confirms it; a refusal, a no-op or a conflict (another process wrote the order) may
 * come from a stale state, so those are decided again on a fresh read (undefined).
 */
async function appendOnFolded(
  store: EventStore,
  orderId: string,
  streamId: string,
  command: OrderCommand,
  { metadata }: HandleOptions,
  { version, state }: FoldedStream,
  folded: FoldedStreams,
): Promise<CommandOutcome | undefined> {
  let newEvents: OrderEvent[];
  try {
    newEvents = decide(command, state);
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
  if (newEvents.length === 0) return undefined;
  try {
    const { nextVersion } = await store.appendToStream(streamId, stamp(newEvents, metadata), { expectedVersion: version });
    folded.keep(streamId, nextVersion, newEvents.reduce(evolve, state));
    return { orderId, outcome: 'appended', streamVersion: nextVersion, events: newEvents };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VERSION_CONFLICT') return undefined;
    throw error;
  }
}

async function decideAndAppend(
  store: EventStore,
  orderId: string,
  streamId: string,
  command: OrderCommand,
  { partnerNewsUpTo: known, metadata }: HandleOptions,
  folded: FoldedStreams,
): Promise<CommandOutcome> {
  for (let attempt = 1; ; attempt++) {
    const { events, version } = await store.readStream(streamId);
    const seen = known === undefined ? events : events.filter((e) => e.streamVersion <= known || !isPartnerEvent(e));
    const state: Order = seen.reduce(evolve, initialOrder());
    // what is kept is the whole stream's state, also after a judgement that left news out
    const whole = (): Order => (seen.length === events.length ? state : events.reduce(evolve, initialOrder()));
    const newEvents = decide(command, state);
    if (newEvents.length === 0) {
      folded.keep(streamId, version, whole());
      return unchangedOutcome(orderId, command, events, version);
    }
    try {
      const { nextVersion } = await store.appendToStream(streamId, stamp(newEvents, metadata), { expectedVersion: version });
      folded.keep(streamId, nextVersion, newEvents.reduce(evolve, whole()));
      return { orderId, outcome: 'appended', streamVersion: nextVersion, events: newEvents };
    } catch (error) {
      const retryable = error instanceof DomainError && error.code === 'VERSION_CONFLICT' && attempt < MAX_ATTEMPTS;
      if (!retryable) throw error;
    }
  }
}

const stamp = (events: OrderEvent[], metadata: NewEvent['metadata']): NewEvent[] => (metadata ? events.map((e) => ({ ...e, metadata })) : events);

function unchangedOutcome(orderId: string, command: OrderCommand, events: RecordedEvent[], version: number): CommandOutcome {
  if (command.type !== 'RecordPartnerEvent') return { orderId, outcome: 'unchanged', streamVersion: version, events: [] };
  const { partner, partnerEventId } = command.data.event.data;
  const original = events.find((e) => 'partnerEventId' in e.data && e.data.partnerEventId === partnerEventId && e.data.partner === partner);
  return { orderId, outcome: 'duplicate', streamVersion: original?.streamVersion ?? version, events: original ? [original] : [] };
}
