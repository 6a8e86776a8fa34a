/**
 * Zero-filled arrays of doubles cut from shared buffers, for the arrays every new estimate makes (its distribution,
 * cumulative and kernel): a Float64Array of its own keeps its memory outside V8's heap, and making and freeing that cost
 * more than the arithmetic filling it (docs/PERFORMANCE.md, session 17). A buffer is freed once none of its arrays is held.
 */
/** 16 KB: below the C allocator's mmap threshold, so a buffer is reused memory, not fresh pages (about 16 arrays each). */
const SLAB_DOUBLES = 2_048;
let slab = new ArrayBuffer(0);
let used = 0;

export function float64s(length: number): Float64Array {
  const bytes = length * Float64Array.BYTES_PER_ELEMENT;
  if (used + bytes > slab.byteLength) {
    slab = new ArrayBuffer(Math.max(SLAB_DOUBLES * Float64Array.BYTES_PER_ELEMENT, bytes));
    used = 0;
  }
  const out = new Float64Array(slab, used, length);
  used += bytes;
  return out;
}
