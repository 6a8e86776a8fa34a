import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import type { CheckpointStore, EventStore, MessageBus, RecordedEvent, Subscription } from '@ot/application';

export type EventRelayOptions = Readonly<{
  name?: string;
  retryDelayMs?: number;
  onError?: (error: unknown) => void;
  /** Saves the checkpoint at most this often (the last page's position); 0 saves after every page. */
  checkpointEveryMs?: number;
  /** A page shorter than `pageSize` waits this long for the events that follow it, and takes them along; 0 (the default) publishes at once. */
  lingerMs?: number;
  pageSize?: number;
}>;

/**
 * A checkpoint behind what was published costs only a re-publish after a crash, which consumers drop by
 * globalPosition; a save per page cost a commit per page (docs/PERFORMANCE.md).
 */
export const DEFAULT_CHECKPOINT_EVERY_MS = 100;

/**
 * Like a Kafka producer's linger.ms: at a calm rate every event would be a page of its own, and each
 * page costs the consumer a transaction and its reads; waiting lets the events behind it join (at 5 ms
 * a webhook's placement and its delay alert were still apart). The notifier's dispatcher sends what is due
 * once a second, so deciding up to 50 ms later delays a message by about that on average, one tick at worst.
 * Not the default: where the consumer's clock moves with the events (CLOCK=event-time) a decision made
 * later in wall time meets a dispatcher further ahead, and the messages change.
 */
export const WALL_CLOCK_LINGER_MS = 50;

/**
 * Event store -> bus, at least once. Order of steps is the whole point: read after the checkpoint,
 * publish keyed by orderId, and only then save the checkpoint. A crash between publish and save
 * publishes those events again on restart (consumers dedupe by globalPosition); a crash before
 * publish loses nothing because the checkpoint did not move. The checkpoint is saved at most every
 * `checkpointEveryMs` (and on stop): a crash re-publishes what was published since the last save.
 */
export class EventRelay {
  private subscription?: Subscription;
  private stopped = false;
  private published = 0;
  private saved = 0;
  private savedAt = Number.NEGATIVE_INFINITY;
  private saving?: Promise<void>;
  private trailing?: NodeJS.Timeout;
  private readonly name: string;
  private readonly retryDelayMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly checkpointEveryMs: number;
  private readonly lingerMs: number;
  private readonly pageSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly bus: MessageBus<RecordedEvent>,
    private readonly checkpoints: CheckpointStore,
    options: EventRelayOptions = {},
  ) {
    this.name = options.name ?? 'relay:order-events';
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.onError = options.onError ?? ((error) => new Logger('EventRelay').error(`${this.name}: publish failed, retrying: ${String(error)}`));
    this.checkpointEveryMs = options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS;
    this.lingerMs = options.lingerMs ?? 0;
    this.pageSize = options.pageSize ?? 500;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const from = await this.checkpoints.load(this.name);
    this.published = from;
    this.saved = from;
    this.subscription = this.store.subscribeToAll(from, (events) => this.forward(events));
  }

  /** The last position published and acknowledged (the saved checkpoint may be behind it). */
  get position(): number {
    return this.published;
  }

  /** Resolves once every event in the store when it was called (and after) has been published and acknowledged. */
  async settled(pollMs = 1): Promise<void> {
    while (!this.stopped && (await this.store.readAll(this.published, 1)).length > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
  }

  /** Stops publishing and saves what was published, unless a save is still in flight (it saves at least as much). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
    this.subscription = undefined;
    clearTimeout(this.trailing);
    this.trailing = undefined;
    if (!this.saving && this.published > this.saved) await this.save();
  }

  /**
   * Retries here, not in the store's subscription: a rejected batch would otherwise be dropped by the
   * subscription or stall it silently. The store does not hand us the next batch until this resolves.
   */
  private async forward(page: readonly RecordedEvent[]): Promise<void> {
    const events = await this.withFollowers(page.filter((e) => e.globalPosition > this.published)); // a page may repeat what lingering took along
    if (!events.length) return;
    for (;;) {
      if (this.stopped) throw new Error(`${this.name} stopped`); // leave the checkpoint where it is
      try {
        await this.bus.publish(events.map((event) => ({ key: event.data.orderId, value: event })));
        this.published = events[events.length - 1].globalPosition;
        await this.checkpoint();
        return;
      } catch (error) {
        this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }

  /** Saves now when the last save is old enough, else once it is (one timer at a time). */
  private async checkpoint(): Promise<void> {
    const wait = this.savedAt + this.checkpointEveryMs - performance.now();
    if (wait <= 0 && !this.saving) return this.save();
    this.trailing ??= setTimeout(
      () => {
        this.trailing = undefined;
        if (!this.stopped) this.save().catch((error: unknown) => this.onError(error));
      },
      Math.max(wait, 0),
    ).unref();
  }

  private async save(): Promise<void> {
    const position = this.published;
    this.saving = this.checkpoints.save(this.name, position);
    try {
      await this.saving;
      this.saved = Math.max(this.saved, position);
      this.savedAt = performance.now();
    } finally {
      this.saving = undefined;
    }
  }

  /** The page and, after lingering, the events the store holds right behind it (the subscription hands them again, skipped). */
  private async withFollowers(events: readonly RecordedEvent[]): Promise<readonly RecordedEvent[]> {
    if (!events.length || this.lingerMs <= 0 || events.length >= this.pageSize) return events;
    await new Promise((resolve) => setTimeout(resolve, this.lingerMs));
    if (this.stopped) return events;
    return [...events, ...(await this.store.readAll(events[events.length - 1].globalPosition, this.pageSize - events.length))];
  }
}
