import type { OrderHealth, Telemetry } from '@ot/application';
import type { Channel } from '@ot/domain';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How many completed deliveries the rolling ETA error looks at. */
const ETA_WINDOW = 500;

/** Reads a value when Prometheus scrapes, so nothing is counted on the request path. */
export type ScrapeProbe<T> = () => Promise<T>;

/**
 * The service's named metrics in their own registry (two apps in one test process must not share
 * prom-client's global one). Counters move in hooks; gauges that need a read (lag, backlog, orders)
 * are computed by the probes the app registers, only when /metrics is scraped.
 */
export class OpsMetrics implements Telemetry {
  readonly registry = new Registry();
  readonly webhooks = new Counter({
    name: 'ot_webhooks_total',
    help: 'Webhook requests by partner and outcome',
    labelNames: ['partner', 'outcome'],
    registers: [this.registry],
  });
  readonly appendSeconds = new Histogram({
    name: 'ot_event_append_seconds',
    help: 'Event store append latency (until durable)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'ot_events_appended_total',
    help: 'Events appended by this process, by type',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly delayAlerts = new Counter({
    name: 'ot_delay_alerts_total',
    help: 'Delay alerts raised (DelayPredicted) and cleared (DelayCleared)',
    labelNames: ['change'],
    registers: [this.registry],
  });
  readonly notifications = new Counter({
    name: 'ot_notification_attempts_total',
    help: 'Notification attempts by channel and outcome',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });
  readonly dispatcherLastTick = new Gauge({
    name: 'ot_dispatcher_last_tick_seconds',
    help: "Unix time of the dispatcher's last finished pass",
    registers: [this.registry],
  });
  private lastTick?: Date;
  /** Signed days late of the last ETA_WINDOW deliveries, a ring. */
  private readonly etaErrors: number[] = [];
  private etaNext = 0;
  /** Orders by health: counted once from the view (first scrape), then moved by the projection's reports. */
  private orders?: Map<OrderHealth, number>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ot_process_' });
    const errors = this.etaErrors;
    new Gauge({
      name: 'ot_eta_error_days',
      help: `Delivery day against the expected day shown last, over the last ${ETA_WINDOW} deliveries: mean absolute error (mae) and mean lateness (bias)`,
      labelNames: ['stat'],
      registers: [this.registry],
      collect() {
        if (!errors.length) return;
        this.set({ stat: 'mae' }, errors.reduce((sum, e) => sum + Math.abs(e), 0) / errors.length);
        this.set({ stat: 'bias' }, errors.reduce((sum, e) => sum + e, 0) / errors.length);
      },
    });
  }

  deliveredAgainstEta(lateByDays: number): void {
    this.etaErrors[this.etaNext] = lateByDays;
    this.etaNext = (this.etaNext + 1) % ETA_WINDOW;
  }

  /** A gauge whose labelled values come from `probe` at scrape time. */
  gauge(name: string, help: string, labelName: string, probe: ScrapeProbe<Record<string, number>>): void {
    new Gauge({
      name,
      help,
      labelNames: [labelName],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [label, value] of Object.entries(await probe())) this.set({ [labelName]: label }, value);
      },
    });
  }

  /** The gauge of open orders by health; `count` is the view's full scan, run on the first scrape only. */
  orderGauge(count: () => Promise<Record<OrderHealth, number>>): void {
    const orders = async (): Promise<Map<OrderHealth, number>> => (this.orders ??= new Map(Object.entries(await count()) as [OrderHealth, number][]));
    new Gauge({
      name: 'ot_orders',
      help: 'Orders by health: open ones by delay state (on-track, at-risk, late), finished ones as closed',
      labelNames: ['health'],
      registers: [this.registry],
      async collect() {
        for (const [health, n] of await orders()) this.set({ health }, n);
      },
    });
  }

  orderHealthChanged(from: OrderHealth | undefined, to: OrderHealth): void {
    if (!this.orders) return; // not counted yet: the first count reads the view, this move included
    if (from) this.orders.set(from, (this.orders.get(from) ?? 0) - 1);
    this.orders.set(to, (this.orders.get(to) ?? 0) + 1);
  }

  notificationAttempt(channel: Channel | undefined, status: string): void {
    this.notifications.inc({ channel: channel ?? 'none', outcome: status });
  }

  dispatcherTicked(at: Date): void {
    this.lastTick = at;
    this.dispatcherLastTick.set(at.getTime() / 1000);
  }

  /** When the dispatcher last finished a pass in this process; undefined if it does not run here. */
  get lastDispatcherTick(): Date | undefined {
    return this.lastTick;
  }
}
