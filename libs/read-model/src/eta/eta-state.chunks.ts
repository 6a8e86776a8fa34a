import { deserialize, serialize } from 'node:v8';
import type { EtaProjectionState } from '@ot/application';

/** Entries per saved chunk by default: ~9 MB at ~870 B per open order, far below a bound value's 1e9-byte cap. */
export const ETA_STATE_CHUNK_ENTRIES = 10_000;

type Chunk = readonly [key: string, entries: readonly unknown[]];

/**
 * The state as v8-serialised pieces, one at a time so no single buffer holds it whole: first a header (the
 * state with every top-level array emptied), then each array in slices of at most `entries` entries.
 */
export function* stateChunks(state: EtaProjectionState, entries: number): Generator<Buffer> {
  const arrays = Object.entries(state).filter((e): e is [string, unknown[]] => Array.isArray(e[1]));
  yield serialize({ ...state, ...Object.fromEntries(arrays.map(([key]) => [key, []])) });
  for (const [key, list] of arrays) {
    for (let from = 0; from < list.length; from += entries) yield serialize([key, list.slice(from, from + entries)] satisfies Chunk);
  }
}

/** Folds stateChunks() back, in the order written, into the state they came from. */
export class StateAssembler {
  private state: Record<string, unknown> | undefined;

  add(data: Buffer): void {
    if (!this.state) {
      this.state = deserialize(data) as Record<string, unknown>;
      return;
    }
    const [key, entries] = deserialize(data) as Chunk;
    const list = this.state[key] as unknown[];
    for (const entry of entries) list.push(entry); // not push(...entries): a spread of a large slice can overflow the stack
  }

  result(): EtaProjectionState {
    if (!this.state) throw new Error('ETA state: no header chunk');
    return this.state;
  }
}
