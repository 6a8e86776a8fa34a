import { readFileSync } from 'node:fs';
import { parentsOf } from './profile-summary';

/**
 * A pipeline pass's profile (`node --cpu-prof dist/bench/workers/pipeline.worker.js`) split by consumer: each
 * sample goes to the first consumer found walking up from its frame (GC, idle and program by their own names),
 * so a consumer's share holds what it calls into (the domain, SQLite). An async continuation is charged by the
 * stack it resumed on, which names its own function. Module loading is counted apart: it precedes the figure.
 *   node dist/bench/tools/profile-consumers.js <file.cpuprofile> [cpu us per event, to share out]
 */
type Frame = { functionName: string; url: string };
type Profile = { nodes: { id: number; callFrame: Frame; children?: number[] }[]; samples: number[]; timeDeltas: number[] };

/** In the order they are tried: the dispatcher and the inbox before the stores they call. */
const CONSUMERS: readonly (readonly [string, (f: Frame) => boolean])[] = [
  ['startup (module load, before the figure)', (f) => /^(Module\._load|wrapSafe|executeUserEntryPoint)$/.test(f.functionName)],
  ['dispatcher + attempt log', (f) => /notification\.dispatcher|dispatch\.loop/.test(f.url)],
  ['notifier inbox', (f) => /notification-inbox\.handler|notifier\.runner/.test(f.url)],
  ['ETA projection + delay reactor', (f) => /eta\.pipeline|eta\.projection|delay\.reactor/.test(f.url)],
  ['status projection', (f) => /status\.projection|status\.evolve/.test(f.url)],
  ['relay + bus', (f) => /event-relay|in-process\.message-bus/.test(f.url)],
  ['decide + append', (f) => /handle-command|keyed-serial|in-memory\.event-store|order\.decider|order\.state/.test(f.url)],
  ['bench feed (csv, timeline)', (f) => /libs\/replay|pipeline\.worker/.test(f.url)],
];
const NATIVE: Record<string, string> = { '(garbage collector)': 'GC', '(idle)': 'idle', '(program)': '(program)' };

export function consumers(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = parentsOf(profile.nodes);
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    let name: string | undefined = NATIVE[byId.get(id)!.callFrame.functionName];
    for (let cur: number | undefined = id; !name && cur !== undefined; cur = parent.get(cur))
      name = CONSUMERS.find(([, test]) => test(byId.get(cur!)!.callFrame))?.[0];
    name ??= 'other';
    out.set(name, (out.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return out;
}

if (require.main === module) {
  const [file, cpuUs] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-consumers <file.cpuprofile> [cpu us per event]');
  const split = consumers(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const apart = new Set(['startup (module load, before the figure)', 'idle']);
  const counted = [...split].filter(([k]) => !apart.has(k)).reduce((a, [, us]) => a + us, 0);
  for (const [name, us] of [...split].sort((a, b) => b[1] - a[1])) {
    const share = apart.has(name) ? '' : `${((100 * us) / counted).toFixed(1)}%${cpuUs ? ` ${((Number(cpuUs) * us) / counted).toFixed(0)} us/event` : ''}`;
    console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${share.padEnd(20)} ${name}`);
  }
}
