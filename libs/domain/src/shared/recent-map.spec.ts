import { keepRecent } from './recent-map';

describe('keepRecent', () => {
  const keys = (map: Map<string, number>) => [...map.keys()];

  it('puts a key last, with its new value, without growing the map', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    keepRecent(map, 'a', 3, 10);
    expect([...map]).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
  });

  it('keeps at most max entries, dropping the least recently kept', () => {
    const map = new Map<string, number>();
    for (let n = 0; n < 100; n++) {
      keepRecent(map, `k${n}`, n, 32);
      expect(map.size).toBeLessThanOrEqual(32);
    }
    keepRecent(map, 'k70', 70, 32); // kept again: now the most recent
    for (let n = 100; n < 110; n++) keepRecent(map, `k${n}`, n, 32);
    expect(map.has('k70')).toBe(true);
    expect(keys(map).slice(-11)).toEqual(['k70', ...Array.from({ length: 10 }, (_, i) => `k${100 + i}`)]);
    const kept = keys(map).map((k) => Number(k.slice(1)));
    expect(kept.filter((n) => n < 100 && n !== 70)).toEqual(kept.filter((n) => n < 100 && n !== 70).sort((x, y) => x - y));
  });

  it('past max drops a sixteenth of it at once, the oldest, so the next keys need no drop', () => {
    const map = new Map<string, number>();
    for (let n = 0; n < 64; n++) keepRecent(map, `k${n}`, n, 64);
    expect(map.size).toBe(64);
    keepRecent(map, 'k64', 64, 64);
    expect(map.size).toBe(60);
    expect(keys(map)[0]).toBe('k5');
    for (let n = 65; n < 69; n++) keepRecent(map, `k${n}`, n, 64);
    expect(map.size).toBe(64);
    expect(keys(map)[0]).toBe('k5');
  });

  it('with a max below 16 drops one at a time', () => {
    const map = new Map<string, number>();
    for (let n = 0; n < 5; n++) keepRecent(map, `k${n}`, n, 3);
    expect(keys(map)).toEqual(['k2', 'k3', 'k4']);
  });
});
