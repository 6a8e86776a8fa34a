import type { Instant, Partner } from '@ot/domain';
import type { CheckpointAnchoring } from '../projections/checkpoint-anchor';

export const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One outbound webhook: a customer action on its way to the partner concerned (the id is the action's). */
export type OutboundDelivery = Readonly<{
  deliveryId: string;
  orderId: string;
  partner: Partner;
  /** The exact JSON posted and signed: stored, so every retry sends the same bytes. */
  body: string;
  createdAt: Instant;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Instant;
  lastError?: string;
  deliveredAt?: Instant;
}>;

export type NewDelivery = Pick<OutboundDelivery, 'deliveryId' | 'orderId' | 'partner' | 'body' | 'createdAt'>;

export type AttemptOutcome =
  | Readonly<{ state: 'delivered'; at: Instant }>
  | Readonly<{ state: 'pending'; error: string; nextAttemptAt: Instant }>
  | Readonly<{ state: 'dead'; error: string }>;

/**
 * The outbound webhook outbox: fed from the event log (checkpointed), drained by the dispatcher.
 * Instants are ISO strings from toISOString (UTC, fixed width), so they compare as text in every store.
 */
export interface PartnerOutboxStore {
  checkpoint(): Promise<number>;
  /** Where the file keeps its checkpoint's anchor (a store that outlives the process). */
  readonly anchoring?: CheckpointAnchoring;
  /** Queues the deliveries (an id already queued is left as it is) and moves the checkpoint, in one step. */
  enqueue(deliveries: readonly NewDelivery[], checkpoint: number): Promise<void>;
  /**
   * Pending deliveries due at `now`, at most `limit`, each leased until `leaseUntil` (its next attempt
   * moves there), so two dispatchers on one store never send the same one at once.
   */
  claimDue(now: Instant, leaseUntil: Instant, limit: number): Promise<OutboundDelivery[]>;
  /** Counts the attempt and records its outcome. */
  recordAttempt(deliveryId: string, outcome: AttemptOutcome): Promise<void>;
  get(deliveryId: string): Promise<OutboundDelivery | undefined>;
  /** Dead letters, oldest first. */
  deadLetters(limit: number): Promise<OutboundDelivery[]>;
  /** A dead letter back to pending, attempts reset, due at `now`; false when there is no such dead letter. */
  redrive(deliveryId: string, now: Instant): Promise<boolean>;
}
