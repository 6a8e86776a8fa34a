import { TokenBucketLimiter } from './token-bucket.limiter';

describe('TokenBucketLimiter', () => {
  let now = 0;
  const limiter = (rate: number, burst: number, maxKeys?: number) => new TokenBucketLimiter(rate, burst, () => now, maxKeys);
  beforeEach(() => (now = 0));

  it('allows the burst, then answers the seconds until a token is back', () => {
    const l = limiter(2, 3);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([0, 0, 0]);
    expect(l.take('a')).toBe(1);
    now += 500; // one token at 2/s
    expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBe(1);
  });

  it('keeps keys apart and never refills above the burst', () => {
    const l = limiter(10, 2);
    expect([l.take('a'), l.take('a'), l.take('b')]).toEqual([0, 0, 0]);
    now += 60_000;
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([0, 0, 1]);
  });

  it('charges a cost, capped at the burst so a big batch can pass once the bucket is full', () => {
    const l = limiter(1, 5);
    expect(l.take('p', 500)).toBe(0);
    expect(l.take('p', 3)).toBe(3);
  });

  it('drops the oldest key past the cap (bounded memory)', () => {
    const l = limiter(1, 1, 2);
    l.take('a');
    l.take('b');
    l.take('c'); // evicts a
    expect(l.take('a')).toBe(0); // a starts again from a full bucket
    expect(l.take('c')).toBe(1);
  });
});
