import { decide, DomainError, evolve, initialOrder, type OrderCommand, type OrderEvent, streamIdOf } from '@ot/domain';
import type { EventStore, NewEvent, RecordedEvent } from '../ports/event-store.port';

export type CommandOutcome = {
  orderId: string;
  /** 'duplicate': the partner event had been recorded before; nothing was appended. */
  outcome: 'appended' | 'duplicate' | 'unchanged';
  /** Stream version of the (original, for a duplicate) event; the stream's version when unchanged. */
  streamVersion: number;
  events: OrderEvent[];
};

const MAX_ATTEMPTS = 5;

/**
 * Read, fold, decide, append. A version conflict means someone appended between our read and
 * our write: read again and re-decide (the new state may make the command a duplicate).
 */
export async function handleCommand(store: EventStore, orderId: string, command: OrderCommand, metadata?: NewEvent['metadata']): Promise<CommandOutcome> {
  const streamId = streamIdOf(orderId);
  for (let attempt = 1; ; attempt++) {
    const { events, version } = await store.readStream(streamId);
    const newEvents = decide(command, events.reduce(evolve, initialOrder()));
    if (newEvents.length === 0) return unchangedOutcome(orderId, command, events, version);
    try {
      const stamped = metadata ? newEvents.map((e) => ({ ...e, metadata })) : newEvents; // e.g. the request id, to follow a webhook downstream
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
  const original = events.find(
    (e) => 'partnerEventId' in e.data && e.data.partnerEventId === partnerEventId && e.data.partner === partner,
  );
  return { orderId, outcome: 'duplicate', streamVersion: original?.streamVersion ?? version, events: original ? [original] : [] };
}
