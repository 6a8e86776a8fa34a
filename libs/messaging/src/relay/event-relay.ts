import { Logger } from '@nestjs/common';
import type { CheckpointStore, EventStore, MessageBus, RecordedEvent, Subscription } from '@ot/application';

export type EventRelayOptions = Readonly<{ name?: string; retryDelayMs?: number; onError?: (error: unknown) => void }>;

/**
 * Event store -> bus, at least once. Order of steps is the whole point: read after the checkpoint,
 * publish keyed by orderId, and only then save the checkpoint. A crash between publish and save
 * publishes those events again on restart (consumers dedupe by globalPosition); a crash before
 * publish loses nothing because the checkpoint did not move.
 */
export class EventRelay {
  private subscription?: Subscription;
  private stopped = false;
  private published = 0;
  private readonly name: string;
  private readonly retryDelayMs: number;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly store: EventStore,
    private readonly bus: MessageBus<RecordedEvent>,
    private readonly checkpoints: CheckpointStore,
    options: EventRelayOptions = {},
  ) {
    this.name = options.name ?? 'relay:order-events';
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.onError = options.onError ?? ((error) => new Logger('EventRelay').error(`${this.name}: publish failed, retrying: ${String(error)}`));
  }

  async start(): Promise<void> {
    this.stopped = false;
    const from = await this.checkpoints.load(this.name);
    this.published = from;
    this.subscription = this.store.subscribeToAll(from, (events) => this.forward(events));
  }

  /** Resolves once every event in the store when it was called (and after) has been published and acknowledged. */
  async settled(pollMs = 1): Promise<void> {
    while (!this.stopped && (await this.store.readAll(this.published, 1)).length > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /**
   * Retries here, not in the store's subscription: a rejected batch would otherwise be dropped by the
   * subscription or stall it silently. The store does not hand us the next batch until this resolves.
   */
  private async forward(events: readonly RecordedEvent[]): Promise<void> {
    if (!events.length) return;
    for (;;) {
      if (this.stopped) throw new Error(`${this.name} stopped`); // leave the checkpoint where it is
      try {
        await this.bus.publish(events.map((event) => ({ key: event.data.orderId, value: event })));
        await this.checkpoints.save(this.name, events[events.length - 1].globalPosition);
        this.published = events[events.length - 1].globalPosition;
        return;
      } catch (error) {
        this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }
}
