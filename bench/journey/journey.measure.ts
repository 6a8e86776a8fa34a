import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OlistOrder } from '@ot/replay';
import { type JourneyDetails, type JourneyMetrics, journeyMetrics, targetsMet } from './journey.metrics';
import { JOURNEY_TIME_ZONE, type JourneyRun, runJourneyOnce } from './journey.run';
import type { ServiceEntry } from './order-service.process';
import { parseOutboxLine, sameMessages } from './outbox-line.parser';

export type JourneyOptions = Readonly<{
  orders: readonly OlistOrder[];
  port: number;
  entry: ServiceEntry;
  /** Skip the second run; replay_identical is then null. */
  once: boolean;
  /** Keep the data directories (printed on stderr) for a look at the outbox and logs. */
  keep: boolean;
  quietMs?: number;
  drainTimeoutMs?: number;
}>;

export type JourneyResult = JourneyMetrics & { replay_identical: boolean | null; targets_met: boolean; seconds: number };

const say = (line: string): boolean => process.stderr.write(`${line}\n`);

/**
 * The journey bench: replay the orders against a fresh default service (twice, unless `once`),
 * then judge the first run by what its customers received and its views, and both runs by
 * whether they sent the same messages.
 */
export async function measureJourney(options: JourneyOptions): Promise<{ result: JourneyResult; details: JourneyDetails; runs: JourneyRun[] }> {
  const started = Date.now();
  const runs: JourneyRun[] = [];
  for (const label of options.once ? ['run 1'] : ['run 1', 'run 2']) {
    const dir = mkdtempSync(join(tmpdir(), 'journey-'));
    try {
      runs.push(
        await runJourneyOnce({
          orders: options.orders,
          dir,
          port: options.port,
          entry: options.entry,
          quietMs: options.quietMs ?? 5000,
          drainTimeoutMs: options.drainTimeoutMs ?? 120_000 + options.orders.length * 20,
          label,
        }),
      );
    } finally {
      if (options.keep) say(`${label}: kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
    const run = runs.at(-1) as JourneyRun;
    say(`${label}: webhooks by status ${JSON.stringify(run.webhooks)}; ${run.lines.length} messages sent; ${run.views.size} views`);
  }
  const [first, second] = runs;
  const { metrics, details } = journeyMetrics({
    orders: first.orders,
    messages: first.lines.map(parseOutboxLine),
    views: first.views,
    now: first.now,
    timeZone: JOURNEY_TIME_ZONE,
  });
  let replayIdentical: boolean | null = null;
  if (second) {
    const diff = sameMessages(first.lines, second.lines);
    replayIdentical = diff.identical;
    if (!diff.identical)
      say(
        `replays differ: ${diff.onlyInFirst.length} messages only in run 1, ${diff.onlyInSecond.length} only in run 2; e.g.\n  ${diff.onlyInFirst[0] ?? '-'}\n  ${diff.onlyInSecond[0] ?? '-'}`,
      );
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  return { result: { ...metrics, replay_identical: replayIdentical, targets_met: targetsMet(metrics, replayIdentical), seconds }, details, runs };
}

/** The details a reader needs to find examples: counts by kind and rule, and a few order ids each. */
export function describeDetails(d: JourneyDetails): string {
  const few = (ids: readonly string[]): string => `${ids.length}${ids.length ? ` (e.g. ${ids.slice(0, 3).join(', ')})` : ''}`;
  return [
    `messages by kind: ${JSON.stringify(d.messagesByKind)}`,
    ...Object.entries(d.incoherences).map(([rule, ids]) => `incoherent view, ${rule}: ${few(ids)}`),
    `late and not warned before the promise: ${few(d.lateNotWarned)}`,
    `false alarms: ${few(d.falseAlarms)}`,
    `delivered without a delivered message: ${few(d.deliveredWithoutMessage)}`,
    ...d.pastDateMessages
      .slice(0, 3)
      .map((m) => `past date named: ${m.kind} to ${m.orderIds.join(',')} sent ${m.sentDay} names ${m.dates.join(', ')}: ${JSON.stringify(m.text)}`),
  ].join('\n');
}
