import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): top frames by self time, and top
 * frames by inclusive time, with their share of all samples.
 *   node dist/bench/tools/profile-summary.js <file.cpuprofile> [top=25]
 */
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Each node's parent id, by node id (the profile lists children only). */
export function parentsOf(nodes: readonly { id: number; children?: number[] }[]): Map<number, number> {
  const parent = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return parent;
}

/** The npm package a script URL belongs to (scoped or not), if it is one. */
export function npmPackageOf(url: string): string | undefined {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
}

export function summarise(path: string, top = 25): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parentsOf(profile.nodes);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const label = (n: Node) => {
    const f = n.callFrame;
    const where = f.url ? `${relative(process.cwd(), f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'} ${where}`.trim();
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    self.set(label(byId.get(id)!), (self.get(label(byId.get(id)!)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue; // recursion counts once
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  const layers = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const layer = layerOf(byId.get(id)!.callFrame);
    layers.set(layer, (layers.get(layer) ?? 0) + us);
  }
  const fmt = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([l, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${l}`)
      .join('\n');
  return `profile ${path}: ${(total / 1000).toFixed(0)} ms sampled\n-- self time by layer --\n${fmt(layers)}\n-- self time --\n${fmt(self)}\n-- inclusive time --\n${fmt(inclusive)}`;
}

/**
 * Who a frame's self time belongs to: an npm package, one of our libs/apps folders, Node's own
 * JavaScript, or a native entry (GC, idle, socket writes, postMessage) by its name.
 */
function layerOf({ url, functionName }: Node['callFrame']): string {
  const path = url.replace(/^file:\/\//, '');
  const pkg = npmPackageOf(path);
  if (pkg) return `npm ${pkg}`;
  const ours = /(?:^|\/)(libs\/[^/]+|apps\/[^/]+\/src\/[^/]+|bench)\//.exec(path);
  if (ours) return ours[1];
  if (path.startsWith('node:')) return 'node (js)';
  return path ? 'other' : `native ${functionName || '(anonymous)'}`;
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
  console.log(summarise(file, Number(top ?? 25)));
}
