import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 .heapsnapshot (MEMORY_HEAP_SNAPSHOT in the memory worker, v8.writeHeapSnapshot): self
 * size by node type and constructor (strings, numbers and code grouped by type alone), largest first.
 *   node --max-old-space-size=8000 dist/bench/tools/heap-summary.js <file.heapsnapshot> [top=30]
 */
type Snapshot = { snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }; nodes: number[]; strings: string[] };

const BY_TYPE_ALONE = new Set(['string', 'concatenated string', 'sliced string', 'number', 'code']);

export function summarise(path: string, top = 30): string {
  const { snapshot, nodes, strings } = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [width, type, name, size] = [fields.length, fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const groups = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let i = 0; i < nodes.length; i += width) {
    const kind = types[nodes[i + type]];
    const key = BY_TYPE_ALONE.has(kind) ? kind : `${kind} ${strings[nodes[i + name]].slice(0, 60)}`;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += nodes[i + size];
    total += nodes[i + size];
    groups.set(key, group);
  }
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1).padStart(8);
  const rows = [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top);
  return [`${mb(total)} MB in ${nodes.length / width} nodes`, ...rows.map(([key, g]) => `${mb(g.bytes)} MB ${String(g.count).padStart(10)}  ${key}`)].join(
    '\n',
  );
}

if (require.main === module) console.log(summarise(process.argv[2], Number(process.argv[3] ?? 30)));
