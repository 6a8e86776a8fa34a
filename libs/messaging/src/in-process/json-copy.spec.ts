import fc from 'fast-check';
import { copyAsJson } from './json-copy';

const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('copyAsJson', () => {
  it('gives what a JSON round trip gives, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = copyAsJson(value);
        expect(copy).toStrictEqual(viaJson(value));
      }),
    );
  });

  it('gives what a JSON round trip gives for values JSON changes, or throws as JSON does', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withMap: true, withSet: true, withNullPrototype: true, withBigInt: true, withSparseArray: true }), (value) => {
        let want: unknown;
        try {
          want = viaJson(value);
        } catch (error) {
          expect(() => copyAsJson(value)).toThrow((error as Error).constructor as new () => Error);
          return;
        }
        expect(copyAsJson(value)).toStrictEqual(want);
      }),
    );
  });

  it('shares no object with what it copied', () => {
    const event = { type: 'OrderPlaced', data: { orderId: 'o1', origin: { city: 'sao paulo' }, items: [{ n: 1 }] }, globalPosition: 3 };
    const copy = copyAsJson([event])[0];
    expect(copy).toStrictEqual(event);
    expect(copy).not.toBe(event);
    expect(copy.data.origin).not.toBe(event.data.origin);
    expect(copy.data.items[0]).not.toBe(event.data.items[0]);
  });

  it('drops what JSON drops and keeps a __proto__ key as an own key, like JSON.parse', () => {
    const odd = JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as object;
    expect(copyAsJson(odd)).toStrictEqual(viaJson(odd));
    expect(copyAsJson({ a: undefined, b: () => 1, c: -0, d: NaN, e: new Date(0), f: [undefined] })).toStrictEqual({
      c: 0,
      d: null,
      e: '1970-01-01T00:00:00.000Z',
      f: [null],
    });
  });
});
