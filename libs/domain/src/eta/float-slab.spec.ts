import { float64s } from './float-slab';

describe('float64s (arrays cut from shared buffers)', () => {
  it('gives zero-filled arrays of the length asked, none sharing memory with another, beyond one buffer too', () => {
    const arrays = [121, 122, 60, 1, 40_000, 121].flatMap((n) => Array.from({ length: 300 }, () => float64s(n)));
    for (const a of arrays) {
      expect(a.every((v) => v === 0)).toBe(true);
      a.fill(1); // a later array must not see this
    }
    for (const [i, a] of arrays.entries()) expect(a.length).toBe([121, 122, 60, 1, 40_000, 121][Math.floor(i / 300)]);
    expect(arrays.every((a) => a.every((v) => v === 1))).toBe(true);
  });
});
