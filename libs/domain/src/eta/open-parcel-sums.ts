import { BIN_COUNT, BIN_DAYS } from './duration-distribution';
import { SlotHeap } from './slot-heap';

const MS_PER_DAY = 86_400_000;
const BIN_MS = BIN_DAYS * MS_PER_DAY;
/** The last bin lived through that can count: a presumed-lost horizon is at most BIN_COUNT bins. */
const LAST_BIN = BIN_COUNT;
/** Weights are 2^((start - base) / halfLife); past this many half-lives from the base they are rebased to stay in range. */
const REBASE_AFTER_HALF_LIVES = 64;

/** What an open parcel is held under: its caller's key, a string or a whole number (see slotByNumber). */
export type ParcelKey = string | number;

/** One group's open parcels: per bin lived through, the sum of their weights and how many they are. */
export type GroupOpenSums = { readonly sums: Float64Array; readonly counts: Int32Array };

/**
 * What an open parcel is, for snapshots: a stage and route that give its chain of groups, and its start. The
 * route is the first one seen with that chain (any route with the same chain counts in the same groups).
 */
export type OpenParcelFacts<S, R> = { stage: S; route: R; startMs: number };

/**
 * The open (right-censored) parcels of every group, summed per half-day bin they have fully lived
 * through, so a group's censored evidence costs BIN_COUNT operations whatever the number of parcels.
 *
 * A parcel's weight at t is 0.5^((t - start) / halfLife) = 2^((start - base) / halfLife) * 2^((base - t) / halfLife):
 * the first factor is fixed per parcel and summed per bin, the second is applied to the whole bin on read.
 * As time passes a parcel moves one bin every 12 hours (a min-heap of next moves, O(log n) per move); past
 * the last bin that can count it is pruned. Time only moves forward here: an instant earlier than the
 * latest one asked is answered parcel by parcel (`directPast`), over the parcels still held.
 */
export class OpenParcelSums<S, R> {
  private readonly groups = new Map<string, GroupOpenSums>();
  private readonly slotOf = new Map<string, number>();
  /**
   * The slot of each parcel held under a number (a key of its caller's own numbering, small and reused: the ETA
   * projection's slot for the order), plus one (0: none). A million parcels under string keys cost a Map of a
   * million entries (about 30 MB of V8 heap); by number, 4 B a key outside it.
   */
  private slotByNumber = new Int32Array(1024);
  private numbered = 0;
  /** Chains of group names by number (chains are interned, so parcels of a route share one): the sums, names and a stage and route giving it. */
  private readonly chainIds = new Map<string, number>();
  /** The same by the array a caller gave (chains never change once made). */
  private readonly chainIdOf = new WeakMap<readonly string[], number>();
  private readonly chains: { names: readonly string[]; sums: readonly GroupOpenSums[]; stage: S; route: R }[] = [];
  private readonly heap = new SlotHeap();
  private readonly halfLifeMs: number;
  private at = Number.NEGATIVE_INFINITY;
  private base = Number.NaN;
  // one slot per parcel (struct of arrays: no object per parcel, a million parcels in a few tens of MB)
  private startMs = new Float64Array(1024);
  private weight = new Float64Array(1024);
  private bin = new Int16Array(1024);
  private alive = new Uint8Array(1024);
  private chain = new Int32Array(1024);
  private keys: (ParcelKey | undefined)[] = [];
  private readonly free: number[] = [];
  private used = 0;

  constructor(halfLifeDays: number) {
    this.halfLifeMs = halfLifeDays * MS_PER_DAY;
  }

  get size(): number {
    return this.slotOf.size + this.numbered;
  }

  /** The latest instant the sums were moved to (bins lived are counted as of it). */
  get advancedTo(): number {
    return this.at;
  }

  begin(key: ParcelKey, groups: readonly string[], facts: OpenParcelFacts<S, R>): void {
    this.end(key);
    const lived = Math.max(0, Math.floor((this.at - facts.startMs) / BIN_MS)); // 0 until its first half day is over
    if (lived > LAST_BIN) return; // older than anything that can count: nothing to hold
    if (Number.isNaN(this.base)) this.base = facts.startMs;
    const slot = this.allocate();
    const chain = this.chainOf(groups, facts);
    this.startMs[slot] = facts.startMs;
    this.weight[slot] = Math.pow(2, (facts.startMs - this.base) / this.halfLifeMs);
    this.bin[slot] = lived;
    this.alive[slot] = 1;
    this.chain[slot] = chain;
    this.keys[slot] = key;
    this.hold(key, slot);
    for (const g of this.chains[chain].sums) this.add(g, lived, this.weight[slot]);
    this.heap.push(slot, facts.startMs + (lived + 1) * BIN_MS);
  }

  /**
   * The parcel stops counting; returns the groups it counted in. Its slot is freed when the heap reaches
   * it (so no stale heap entry meets a reused slot).
   */
  end(key: ParcelKey): readonly string[] | undefined {
    const slot = this.slotFor(key);
    if (slot === undefined) return undefined;
    this.drop(key);
    const chain = this.chains[this.chain[slot]];
    for (const g of chain.sums) this.remove(g, this.bin[slot], this.weight[slot]);
    this.alive[slot] = 0;
    this.keys[slot] = undefined;
    return chain.names;
  }

  /** When the parcel held under `key` began; undefined when none is. */
  startOf(key: ParcelKey): number | undefined {
    const slot = this.slotFor(key);
    return slot === undefined ? undefined : this.startMs[slot];
  }

  group(name: string): GroupOpenSums | undefined {
    return this.groups.get(name);
  }

  /** Moves every parcel to the bin it has lived through at `atMs`; false when `atMs` is before the sums' instant. */
  advanceTo(atMs: number): boolean {
    if (atMs < this.at) return false;
    this.at = atMs;
    for (let slot = this.heap.peekBelow(atMs); slot >= 0; slot = this.heap.peekBelow(atMs)) {
      this.heap.pop();
      if (!this.alive[slot]) {
        this.release(slot);
        continue;
      }
      const from = this.bin[slot];
      const to = Math.floor((atMs - this.startMs[slot]) / BIN_MS);
      const sums = this.chains[this.chain[slot]].sums;
      for (const g of sums) this.remove(g, from, this.weight[slot]);
      if (to > LAST_BIN) {
        // past every horizon: it can never count again at this or a later instant
        this.drop(this.keys[slot]!);
        this.release(slot);
        continue;
      }
      this.bin[slot] = to;
      for (const g of sums) this.add(g, to, this.weight[slot]);
      this.heap.push(slot, this.startMs[slot] + (to + 1) * BIN_MS);
    }
    if ((atMs - this.base) / this.halfLifeMs > REBASE_AFTER_HALF_LIVES) this.rebase(atMs);
    return true;
  }

  /**
   * What the sums' weights are worth at `atMs`: the decayed weight of a group's open parcels that have lived through
   * j bins is `g.sums[j]` times it (the sums must be at `atMs`).
   */
  scaleAt(atMs: number): number {
    return Math.pow(2, (this.base - atMs) / this.halfLifeMs);
  }

  /** out[j] = those decayed weights counted parcel by parcel at any instant: the path for earlier instants, and the sums' reference. */
  directPast(g: GroupOpenSums, atMs: number, out: Float64Array): void {
    out.fill(0);
    for (const slot of this.heldSlots()) {
      if (!this.chains[this.chain[slot]].sums.includes(g)) continue;
      const age = atMs - this.startMs[slot];
      if (age <= 0) continue;
      const lived = Math.floor(age / BIN_MS);
      if (lived <= LAST_BIN) out[lived] += Math.pow(0.5, age / this.halfLifeMs);
    }
  }

  /** Every open parcel held, in no particular order. */
  *entries(): IterableIterator<[ParcelKey, OpenParcelFacts<S, R>]> {
    for (const slot of this.heldSlots()) {
      const { stage, route } = this.chains[this.chain[slot]];
      yield [this.keys[slot]!, { stage, route, startMs: this.startMs[slot] }];
    }
  }

  /** The slots of the parcels held: under string keys in the order they began, then under numbers by number. */
  private *heldSlots(): IterableIterator<number> {
    yield* this.slotOf.values();
    if (this.numbered === 0) return;
    for (let k = 0; k < this.slotByNumber.length; k++) if (this.slotByNumber[k] !== 0) yield this.slotByNumber[k] - 1;
  }

  private slotFor(key: ParcelKey): number | undefined {
    if (typeof key === 'string') return this.slotOf.get(key);
    const slot = key < this.slotByNumber.length ? this.slotByNumber[key] - 1 : -1;
    return slot >= 0 ? slot : undefined;
  }

  private hold(key: ParcelKey, slot: number): void {
    if (typeof key === 'string') {
      this.slotOf.set(key, slot);
      return;
    }
    if (!Number.isInteger(key) || key < 0) throw new RangeError(`an open parcel's number key must be a whole number >= 0: ${key}`);
    if (key >= this.slotByNumber.length) {
      let n = this.slotByNumber.length;
      while (n <= key) n *= 2;
      const grown = new Int32Array(n);
      grown.set(this.slotByNumber);
      this.slotByNumber = grown;
    }
    this.slotByNumber[key] = slot + 1;
    this.numbered++;
  }

  /** Forgets the key's slot (the key holds one). */
  private drop(key: ParcelKey): void {
    if (typeof key === 'string') {
      this.slotOf.delete(key);
      return;
    }
    this.slotByNumber[key] = 0;
    this.numbered--;
  }

  private chainOf(names: readonly string[], { stage, route }: OpenParcelFacts<S, R>): number {
    const known = this.chainIdOf.get(names); // interned chains come back as the same array: no names joined per parcel
    if (known !== undefined) return known;
    const name = names.join('\n'); // by names, not by array: a caller's arrays need not be interned
    let id = this.chainIds.get(name);
    if (id === undefined) {
      this.chainIds.set(name, (id = this.chains.length));
      this.chains.push({ names, sums: names.map((g) => this.groupOf(g)), stage, route });
    }
    this.chainIdOf.set(names, id);
    return id;
  }

  private add(g: GroupOpenSums, bin: number, w: number): void {
    g.sums[bin] += w;
    g.counts[bin]++;
  }

  private remove(g: GroupOpenSums, bin: number, w: number): void {
    // an empty bin is exactly zero, so rounding left by additions and removals never outlives its parcels
    g.sums[bin] = --g.counts[bin] === 0 ? 0 : g.sums[bin] - w;
  }

  private groupOf(name: string): GroupOpenSums {
    let g = this.groups.get(name);
    if (!g) this.groups.set(name, (g = { sums: new Float64Array(LAST_BIN + 1), counts: new Int32Array(LAST_BIN + 1) }));
    return g;
  }

  private rebase(newBase: number): void {
    const f = Math.pow(2, (this.base - newBase) / this.halfLifeMs);
    for (let slot = 0; slot < this.used; slot++) this.weight[slot] *= f;
    for (const g of this.groups.values()) for (let j = 0; j <= LAST_BIN; j++) g.sums[j] *= f;
    this.base = newBase;
  }

  private allocate(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.startMs.length) this.grow();
    return this.used++;
  }

  private release(slot: number): void {
    this.alive[slot] = 0;
    this.keys[slot] = undefined;
    this.free.push(slot);
  }

  private grow(): void {
    const n = this.startMs.length * 2;
    const grown = <T extends Float64Array | Int32Array | Int16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.startMs = grown(this.startMs, (k) => new Float64Array(k));
    this.weight = grown(this.weight, (k) => new Float64Array(k));
    this.bin = grown(this.bin, (k) => new Int16Array(k));
    this.alive = grown(this.alive, (k) => new Uint8Array(k));
    this.chain = grown(this.chain, (k) => new Int32Array(k));
  }
}
