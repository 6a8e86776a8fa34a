import { batchItems, MAX_BATCH_SIZE } from './batch.payload';

/** The field errors a body is refused with, as one InvalidPayloadError. */
const refusedWith = (body: unknown, errors: { field: string; message: string }[]) =>
  expect(() => batchItems(body)).toThrow(expect.objectContaining({ name: 'InvalidPayloadError', errors }));

describe('a webhook batch envelope', () => {
  it.each([
    ['a string', 'x'],
    ['an object', { a: 1 }],
    ['a number', 3],
    ['null', null],
  ])('whose events is %s is told one thing: it must be an array', (_kind, events) => {
    refusedWith({ events }, [{ field: 'events', message: 'events must be an array' }]);
  });

  it('without events is told it must be an array, once', () => {
    refusedWith({}, [{ field: 'events', message: 'events must be an array' }]);
  });

  it('is told its size when the array is empty or too long, one message each', () => {
    refusedWith({ events: [] }, [{ field: 'events', message: 'events must contain at least 1 elements' }]);
    refusedWith({ events: new Array(MAX_BATCH_SIZE + 1).fill({}) }, [
      { field: 'events', message: `events must contain no more than ${MAX_BATCH_SIZE} elements` },
    ]);
    expect(batchItems({ events: [{}, {}] })).toHaveLength(2);
  });
});
