/**
 * npm run projections:rebuild
 *
 * Rebuilds the status and ETA read models (the delay board lives in the status file and is rebuilt
 * with it) from scratch: replays every event from position 0 of the SQLite event store into fresh
 * files, then swaps them in. Stop the order service first
 * (it is the read models' only writer). Env: SQLITE_PATH (events, ./data/events.db),
 * READ_MODEL_PATH (status, ./data/read-model.db), ETA_READ_MODEL_PATH (ETA, ./data/eta-read-model.db).
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { EtaProjection, type Projection, StatusAndBoardProjection } from '@ot/application';
import { loadConfig, refuseArguments } from '@ot/config';
import { SqliteEventStore } from '@ot/event-store';
import { SqliteEtaViewStore, SqliteStatusAndBoardStore } from '@ot/read-model';

const BATCH = 5_000;

async function replayInto(events: SqliteEventStore, projections: Projection[]): Promise<number> {
  let position = 0;
  for (let batch = await events.readAll(0, BATCH); batch.length; batch = await events.readAll(position, BATCH)) {
    for (const p of projections) await p.apply(batch);
    position = batch[batch.length - 1].globalPosition;
    process.stderr.write(`\rprojections:rebuild position ${position}`);
  }
  process.stderr.write('\n');
  return position;
}

/** Moves the fresh file over the old one, with SQLite's side files. */
function swap(fresh: string, target: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(fresh, target);
}

const USAGE =
  'usage: npm run projections:rebuild (no arguments: SQLITE_PATH, READ_MODEL_PATH, ETA_READ_MODEL_PATH from the environment; stop the service first)';

async function main(): Promise<void> {
  // it takes no argument, so any (--help included) is a question: never answer it by swapping files a running service may hold
  refuseArguments(USAGE);
  const { SQLITE_PATH: eventsPath, READ_MODEL_PATH: statusPath, ETA_READ_MODEL_PATH: etaPath } = loadConfig(process.env);
  if (!existsSync(eventsPath)) throw new Error(`no event store at ${eventsPath} (set SQLITE_PATH)`);
  const events = new SqliteEventStore({ path: eventsPath, writerThread: false }); // read only: no writer thread to start
  const statusFresh = `${statusPath}.rebuild`;
  const etaFresh = `${etaPath}.rebuild`;
  for (const f of [statusFresh, etaFresh]) for (const s of ['', '-wal', '-shm']) rmSync(`${f}${s}`, { force: true });
  const statusStore = new SqliteStatusAndBoardStore({ path: statusFresh });
  const etaStore = new SqliteEtaViewStore(etaFresh);
  const started = Date.now();
  const position = await replayInto(events, [new StatusAndBoardProjection(statusStore), new EtaProjection(etaStore)]);
  await events.close();
  await statusStore.close();
  etaStore.close();
  swap(statusFresh, statusPath);
  swap(etaFresh, etaPath);
  console.log(JSON.stringify({ position, etaDocs: 'rebuilt', seconds: (Date.now() - started) / 1000 }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
