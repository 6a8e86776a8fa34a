import { type EventLoopUtilization, type IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** The main thread of a server child over a load window. */
export type LoopFigures = {
  /** Share of the window the event loop was running callbacks rather than waiting (event-loop utilisation). */
  busy: number;
  /** How late a 10 ms timer fired: what a request that became readable at a random instant waited before its first callback. */
  delayP99Ms: number;
  delayMaxMs: number;
};

/**
 * In a child: measures its event loop between the parent's `loop-start` and `loop-stop` (answered with
 * LoopFigures), so the parent can tell a queue behind a busy thread from long tasks on an idle one.
 */
export function answerLoopRequests(): void {
  let window: { since: EventLoopUtilization; delay: IntervalHistogram } | undefined;
  process.on('message', (msg: { kind?: string }) => {
    if (msg.kind === 'loop-start') {
      window?.delay.disable();
      window = { since: performance.eventLoopUtilization(), delay: monitorEventLoopDelay({ resolution: 10 }) };
      window.delay.enable();
      process.send?.({ kind: msg.kind, result: {} });
    }
    if (msg.kind === 'loop-stop' && window) {
      const { since, delay } = window;
      delay.disable();
      const result: LoopFigures = {
        busy: performance.eventLoopUtilization(since).utilization,
        delayP99Ms: delay.percentile(99) / 1e6,
        delayMaxMs: delay.max / 1e6,
      };
      window = undefined;
      process.send?.({ kind: msg.kind, result });
    }
  });
}
