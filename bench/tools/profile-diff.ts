import { readFileSync } from 'node:fs';
import { npmPackageOf, parentsOf } from './profile-summary';

/**
 * Two V8 .cpuprofile files of the same load (say the ingest bench's service on two trees), side by side in
 * microseconds per request: each sample is charged to the outermost frame of our own code (apps/, libs/)
 * on its stack, so a projection's SQL, JSON and allocations count as that projection's; samples with no
 * frame of ours are charged to their leaf's package or native entry. Sorted by the larger side.
 *   node dist/bench/tools/profile-diff.js <before.cpuprofile> <requests before> <after.cpuprofile> <requests after> [top=40]
 * Requests: the bench row's "ok" column of each run (BENCH_PROFILE_DIR profiles only the load window).
 */
type CallFrame = { functionName: string; url: string };
type Node = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const OURS = /\/dist\/(apps|libs)\//;

function name({ functionName, url }: CallFrame): string {
  const path = url.replace(/^file:\/\//, '');
  const pkg = npmPackageOf(path);
  if (pkg) return `npm ${pkg}`;
  const ours = /\/dist\/(.*)$/.exec(path);
  return `${functionName || '(anonymous)'}${ours ? ` ${ours[1]}` : path ? ` ${path}` : ''}`;
}

/** Sampled microseconds by owner (outermost frame of ours, else the leaf's package or native entry). */
export function chargeByOwner(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parentsOf(profile.nodes);
  const owners = new Map<number, string>();
  const ownerOf = (leaf: number): string => {
    let owner = owners.get(leaf);
    if (owner !== undefined) return owner;
    let outermost: CallFrame | undefined;
    for (let at: number | undefined = leaf; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (OURS.test(frame.url)) outermost = frame;
    }
    owner = outermost ? name(outermost) : `~ ${name(byId.get(leaf)!.callFrame)}`;
    owners.set(leaf, owner);
    return owner;
  };
  const charged = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const owner = ownerOf(id);
    charged.set(owner, (charged.get(owner) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return charged;
}

export function diff(before: Map<string, number>, requestsBefore: number, after: Map<string, number>, requestsAfter: number, top: number): string {
  const rows = [...new Set([...before.keys(), ...after.keys()])].map((owner) => ({
    owner,
    before: (before.get(owner) ?? 0) / requestsBefore,
    after: (after.get(owner) ?? 0) / requestsAfter,
  }));
  const busy = (m: Map<string, number>, n: number) => [...m].filter(([owner]) => owner !== '~ (idle)').reduce((sum, [, us]) => sum + us, 0) / n;
  const fmt = (us: number) => us.toFixed(1).padStart(8);
  return [
    `${'before'.padStart(8)}${'after'.padStart(8)}  us per request, by owner`,
    `${fmt(busy(before, requestsBefore))}${fmt(busy(after, requestsAfter))}  all but idle`,
    ...rows
      .sort((a, b) => Math.max(b.before, b.after) - Math.max(a.before, a.after))
      .slice(0, top)
      .map((r) => `${fmt(r.before)}${fmt(r.after)}  ${r.owner}`),
  ].join('\n');
}

if (require.main === module) {
  const [a, na, b, nb, top] = process.argv.slice(2);
  if (!a || !Number(na) || !b || !Number(nb)) throw new Error('usage: profile-diff <before.cpuprofile> <requests> <after.cpuprofile> <requests> [top]');
  const load = (path: string) => chargeByOwner(JSON.parse(readFileSync(path, 'utf8')) as Profile);
  console.log(diff(load(a), Number(na), load(b), Number(nb), Number(top ?? 40)));
}
