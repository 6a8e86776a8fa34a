import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

/**
 * The store + status row's per-placement work outside HTTP, in process, CPU time: the status + board
 * file's commit of pages of 14 placements (the page the follower gets at full speed, session 18) over
 * 60,000 orders, the first 14,000 not counted, and `FoldedStreams.keep` for 200,000 new streams past a
 * full cache. Any built tree, with its own dist, so two trees alternate:
 *
 *   node dist/bench/tools/view-commit.js <built tree>
 *
 * The documents are shaped as the bench's placements fold (five lanes, one promise day).
 */
type StatusAndBoard = { commit(docs: object[], rows: object[], checkpoint: number): Promise<void>; close(): Promise<void> };
type Tree = {
  SqliteStatusAndBoardStore: new (options: { path: string }) => StatusAndBoard;
  FoldedStreams: new () => { keep(streamId: string, version: number, state: object): void };
};

function treeAt(root: string): Tree {
  const dist = join(resolve(root), 'dist/libs');
  /* eslint-disable @typescript-eslint/no-require-imports -- the tree to measure is chosen at run time */
  return {
    ...require(join(dist, 'read-model/src/status-and-board/sqlite.status-and-board.store.js')),
    ...require(join(dist, 'application/src/commands/folded-streams.js')),
  } as Tree;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

const AT = '2026-12-02T09:33:02.001Z';
const STATES = ['SP', 'RJ', 'MG', 'PR', 'RS'];

const statusDoc = (n: number) => ({
  orderId: `vc-${n}`,
  customerId: `bench-c${n % 1000}`,
  status: 'Placed',
  statusAt: AT,
  placedAt: AT,
  promisedBy: '2026-12-09',
  origin: { zipPrefix: '01310', city: 'sao paulo', state: STATES[n % 5] },
  destination: { zipPrefix: '30130', city: 'belo horizonte', state: STATES[(n + 2) % 5] },
  timeline: [{ type: 'OrderPlaced', milestone: 'Placed', occurredAt: AT, partner: 'warehouse', late: false }],
  delay: { state: 'on-track', isDelayed: false, atRisk: false, promiseBroken: false },
  version: 1,
});

const boardRow = (n: number) => ({
  orderId: `vc-${n}`,
  customerId: `bench-c${n % 1000}`,
  version: 1,
  status: 'Placed',
  stage: 'waiting-for-handoff',
  open: true,
  stageSince: AT,
  statusAt: AT,
  lastScanAt: AT,
  placedAt: AT,
  placedDay: '2026-12-02',
  promisedBy: '2026-12-09',
  delayActive: false,
  promiseBroken: false,
  alerts: 0,
  originState: STATES[n % 5],
  originCity: 'sao paulo',
  destinationState: STATES[(n + 2) % 5],
  destinationRegion: 'Southeast',
  carrier: 'unassigned',
  partner: 'warehouse',
  lateScans: 0,
  delayState: 'on-track',
});

const cpuUs = (since: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return user + system;
};

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) throw new Error('usage: view-commit <built tree>');
  const tree = treeAt(root);
  const dir = mkdtempSync(join(tmpdir(), 'view-commit-'));
  const store = new tree.SqliteStatusAndBoardStore({ path: join(dir, 'read-model.db') });
  const [orders, page, uncounted] = [60_000, 14, 14_000];
  let [spent, counted] = [0, 0];
  for (let n = 0; n < orders;) {
    const docs: object[] = [];
    const rows: object[] = [];
    for (let i = 0; i < page; i++, n++) {
      docs.push(statusDoc(n));
      rows.push(boardRow(n));
    }
    const since = process.cpuUsage();
    await store.commit(docs, rows, n);
    if (n > uncounted) [spent, counted] = [spent + cpuUs(since), counted + page];
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const folded = new tree.FoldedStreams();
  const state = { status: 'Placed' };
  for (let i = 0; i < 20_000; i++) folded.keep(`order-warm-${i}`, 1, state);
  const since = process.cpuUsage();
  for (let i = 0; i < 200_000; i++) folded.keep(`order-${i}`, 1, state);
  const keepUs = cpuUs(since) / 200_000;
  console.log(JSON.stringify({ tree: basename(resolve(root)), commitUsPerPlacement: +(spent / counted).toFixed(1), keepUs: +keepUs.toFixed(2) }));
}

void main();
