import { InternTable } from './intern-table';

describe('InternTable', () => {
  it('hands out the first object made for a key', () => {
    const table = new InternTable<{ n: number }>();
    const first = table.intern('a', () => ({ n: 1 }));
    expect(table.intern('a', () => ({ n: 2 }))).toBe(first);
    expect(table.intern('b', () => ({ n: 3 }))).toEqual({ n: 3 });
  });

  it('starts anew past its bound, objects handed out unchanged', () => {
    const table = new InternTable<{ n: number }>(2);
    const a = table.intern('a', () => ({ n: 1 }));
    table.intern('b', () => ({ n: 2 }));
    table.intern('c', () => ({ n: 3 })); // clears a and b
    const again = table.intern('a', () => ({ n: 4 }));
    expect(again).not.toBe(a);
    expect(a).toEqual({ n: 1 });
    expect(again).toEqual({ n: 4 });
  });
});
