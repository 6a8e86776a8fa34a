/**
 * A binary min-heap of integer slots keyed by a time (epoch ms), in typed arrays: the open parcels'
 * next bin moves. No npm package in the install offers one, and it is a few lines.
 */
export class SlotHeap {
  private slots = new Int32Array(1024);
  private times = new Float64Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(slot: number, time: number): void {
    if (this.n === this.slots.length) this.grow();
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.times[parent] <= time) break;
      this.slots[i] = this.slots[parent];
      this.times[i] = this.times[parent];
      i = parent;
    }
    this.slots[i] = slot;
    this.times[i] = time;
  }

  /** The slot due first when it is due at or before `time`, else -1. */
  peekBelow(time: number): number {
    return this.n > 0 && this.times[0] <= time ? this.slots[0] : -1;
  }

  pop(): void {
    const last = --this.n;
    const slot = this.slots[last];
    const time = this.times[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.times[child + 1] < this.times[child]) child++;
      if (this.times[child] >= time) break;
      this.slots[i] = this.slots[child];
      this.times[i] = this.times[child];
      i = child;
    }
    this.slots[i] = slot;
    this.times[i] = time;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const times = new Float64Array(this.times.length * 2);
    slots.set(this.slots);
    times.set(this.times);
    this.slots = slots;
    this.times = times;
  }
}
