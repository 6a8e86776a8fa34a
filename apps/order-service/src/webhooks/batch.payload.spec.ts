import { InvalidPayloadError } from '@ot/http';
import { batchItems, MAX_BATCH_SIZE } from './batch.payload';

const errorsOf = (body: unknown) => {
  try {
    batchItems(body);
  } catch (e) {
    if (e instanceof InvalidPayloadError) return e.errors;
    throw e;
  }
  return [];
};

describe('a webhook batch envelope', () => {
  it.each([
    ['a string', 'x'],
    ['an object', { a: 1 }],
    ['a number', 3],
    ['null', null],
  ])('whose events is %s is told one thing: it must be an array', (_kind, events) => {
    expect(errorsOf({ events })).toEqual([{ field: 'events', message: 'events must be an array' }]);
  });

  it('without events is told it must be an array, once', () => {
    expect(errorsOf({})).toEqual([{ field: 'events', message: 'events must be an array' }]);
  });

  it('is told its size when the array is empty or too long, one message each', () => {
    expect(errorsOf({ events: [] })).toEqual([{ field: 'events', message: 'events must contain at least 1 elements' }]);
    expect(errorsOf({ events: new Array(MAX_BATCH_SIZE + 1).fill({}) })).toEqual([
      { field: 'events', message: `events must contain no more than ${MAX_BATCH_SIZE} elements` },
    ]);
    expect(batchItems({ events: [{}, {}] })).toHaveLength(2);
  });
});
