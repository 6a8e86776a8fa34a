import { readFileSync } from 'node:fs';
import { parentsOf } from './profile-summary';

/**
 * The stretches of a load-window .cpuprofile (the ingest bench's service) in which the main thread served no HTTP:
 * how many ran at least `minMs`, and which parts filled them. Each sample belongs to the part of the outermost frame
 * of ours on its stack (else node's HTTP internals, the collector, idle or other); a stretch ends at a sample of HTTP
 * work (routes, webhook, command, append) or idle. The first 300 ms (the profiler starting) are left out.
 *   node dist/bench/tools/profile-stretches.js <file.cpuprofile> [minMs=5]
 */
type CallFrame = { functionName: string; url: string };
type Node = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const OURS = /\/dist\/(apps|libs)\//;
const PARTS: [string, RegExp][] = [
  ['status', /status-and-board|delay-board|status\.projection|read-model/],
  ['eta', /projections\/eta|delay\.reactor|projections\/delay|aftercare|libs\/domain\/src\/eta|calendar/],
  ['notify', /notify|notifier|relay|in-process|messaging/],
  ['http', /status\.routes|order-status|request-log|webhooks|json-body|handle-command|commands\/|http\/|nestjs|fastify|_http_|streams|stream_base|node:net/],
  ['store', /group-commit|sqlite\.event-store|catch-up|metered|writer-thread|recent-events|messageport/],
];
const partOf = (url: string) => PARTS.find(([, pattern]) => pattern.test(url))?.[0];

export function stretches(profile: Profile, minMs: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parentsOf(profile.nodes);
  const cache = new Map<number, string>();
  const sampleOwner = (leaf: number): string => {
    let owner = cache.get(leaf);
    if (owner !== undefined) return owner;
    let ours: string | undefined;
    let theirs: string | undefined;
    for (let at: number | undefined = leaf; at !== undefined; at = parent.get(at)) {
      const { url } = byId.get(at)!.callFrame;
      const part = partOf(url);
      if (part && OURS.test(url)) ours = part;
      else theirs ??= part;
    }
    const leafName = byId.get(leaf)!.callFrame.functionName;
    owner = ours ?? theirs ?? (leafName === '(idle)' ? 'idle' : leafName === '(garbage collector)' ? 'gc' : 'other');
    cache.set(leaf, owner);
    return owner;
  };
  type Stretch = { ms: number; by: Map<string, number> };
  const found: Stretch[] = [];
  let open: Stretch | undefined;
  let t = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    const owner = sampleOwner(id);
    if (t < 300_000 || owner === 'http' || owner === 'idle') {
      if (open) found.push(open);
      open = undefined;
      return;
    }
    open ??= { ms: 0, by: new Map() };
    open.ms += dt / 1000;
    open.by.set(owner, (open.by.get(owner) ?? 0) + dt / 1000);
  });
  if (open) found.push(open);
  const long = found.filter((s) => s.ms >= minMs);
  const inside = new Map<string, number>();
  for (const s of long) for (const [part, ms] of s.by) inside.set(part, (inside.get(part) ?? 0) + ms);
  const count = (ms: number) => found.filter((s) => s.ms >= ms).length;
  return [
    `stretches without HTTP: ${found.length}; >= ${minMs} ms: ${long.length}, ${Math.round(long.reduce((a, s) => a + s.ms, 0))} ms in all; >= 10 ms: ${count(10)}; >= 20 ms: ${count(20)}; longest ${Math.max(0, ...found.map((s) => s.ms)).toFixed(1)} ms`,
    `inside those of >= ${minMs} ms, ms by part: ${[...inside]
      .sort((a, b) => b[1] - a[1])
      .map(([part, ms]) => `${part} ${Math.round(ms)}`)
      .join(', ')}`,
  ].join('\n');
}

if (require.main === module) {
  const [path, minMs] = process.argv.slice(2);
  if (!path) throw new Error('usage: profile-stretches <file.cpuprofile> [minMs=5]');
  console.log(stretches(JSON.parse(readFileSync(path, 'utf8')) as Profile, Number(minMs ?? 5)));
}
