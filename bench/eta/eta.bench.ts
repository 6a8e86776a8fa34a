/**
 * npm run bench:eta -- --data <csv> [--limit N]
 *
 * Replays an Olist order file in process (no HTTP) through the ETA projection and the delay
 * reactor, walk-forward, and prints the scores as one JSON object on the last stdout line.
 * Progress and diagnostics go to stderr.
 */
import { ProgressLine, readOlistOrders } from '@ot/replay';
import { runEtaBench } from './eta-bench.runner';

const TIME_ZONE = 'America/Sao_Paulo';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const data = value('data');
  if (!data) throw new Error('usage: npm run bench:eta -- --data <csv> [--limit N]');
  const orders = readOlistOrders(data, value('limit') !== undefined ? Number(value('limit')) : undefined);
  let progress: ProgressLine | undefined;
  const { result, observations } = await runEtaBench(orders, {
    timeZone: TIME_ZONE,
    onProgress: (done, total, simDay) =>
      (progress ??= new ProgressLine('bench:eta', total)).update(done, `orders ${orders.length} sim ${simDay}`, done === total),
  });
  progress?.done();
  const { systemEvents, rejected, ticks, wallSeconds } = observations;
  console.error(JSON.stringify({ systemEvents, rejected, ticks, wallSeconds: Math.round(wallSeconds * 10) / 10 }));
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(2);
});
