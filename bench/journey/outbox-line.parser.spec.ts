import fc from 'fast-check';
import { canonicalLine, parseOutboxLine, sameMessages } from './outbox-line.parser';

describe('outbox lines', () => {
  it('falls back to the notification id for the order and kind of an older line', () => {
    const m = parseOutboxLine(JSON.stringify({ at: '2017-10-02T10:00:00.000Z', notificationId: 'o-1:delivered:42', channel: 'sms', text: 'hi' }));
    expect(m).toEqual({
      orderIds: ['o-1'],
      kind: 'delivered',
      channel: 'sms',
      sentAt: Date.parse('2017-10-02T10:00:00.000Z'),
      title: '',
      text: 'hi',
      data: {},
    });
  });

  it('compares two runs without the wall-clock write time, and names what differs', () => {
    const line = (sentAt: string, at: string) => JSON.stringify({ at, sentAt, orderId: 'o', kind: 'shipped', text: 't' });
    expect(canonicalLine(line('2017-01-01T00:00:00Z', 'x'))).toBe('{"sentAt":"2017-01-01T00:00:00Z","orderId":"o","kind":"shipped","text":"t"}');
    expect(sameMessages([line('s1', 'a'), line('s2', 'b')], [line('s2', 'c'), line('s1', 'd')]).identical).toBe(true);
    const differ = sameMessages([line('s1', 'a'), line('s1', 'a')], [line('s1', 'a'), line('s3', 'a')]);
    expect(differ.identical).toBe(false);
    expect([differ.onlyInFirst.length, differ.onlyInSecond.length]).toEqual([1, 1]);
    // lines without sentAt are compared as written: their `at` is all the time they carry
    expect(sameMessages([JSON.stringify({ at: 'a' })], [JSON.stringify({ at: 'b' })]).identical).toBe(false);
  });

  it('compares order links without their tokens, which carry a wall-clock expiry', () => {
    const sms = (token: string) =>
      JSON.stringify({ at: 'x', sentAt: 's1', orderId: 'o', text: `Late: http://h/s/${token}`, data: { link: `http://h/t/${token}` } });
    expect(sameMessages([sms('AQHJEc4BX7a19zl4.mHQF-L_30')], [sms('AQHJEc8BX7a19zl4.CbzT-j_0N')]).identical).toBe(true);
    expect(
      sameMessages([sms('a.b')], [JSON.stringify({ at: 'x', sentAt: 's1', orderId: 'o', text: 'Late: http://h/s/a.b!', data: { link: 'http://h/t/a.b' } })])
        .identical,
    ).toBe(false);
  });
});

describe('sameMessages (property)', () => {
  const lines = fc.array(
    fc
      .record({
        sentAt: fc.constantFrom('2017-01-01T10:00:00Z', '2017-01-02T10:00:00Z'),
        orderId: fc.constantFrom('o1', 'o2'),
        kind: fc.constantFrom('shipped', 'delivered'),
        at: fc.string(),
      })
      .map((l) => JSON.stringify(l)),
    { maxLength: 12 },
  );

  it('ignores the order the lines were written in and the wall time of the write', () => {
    fc.assert(
      fc.property(lines, fc.func(fc.integer()), (a, rank) => {
        const rewritten = a.map((l) => JSON.stringify({ ...JSON.parse(l), at: 'another wall time' }));
        const shuffled = [...rewritten].sort((x, y) => rank(x) - rank(y));
        expect(sameMessages(a, shuffled).identical).toBe(true);
      }),
    );
  });

  it('names exactly the one extra or missing message', () => {
    fc.assert(
      fc.property(lines, (a) => {
        const extra = JSON.stringify({ sentAt: '2017-01-03T10:00:00Z', orderId: 'o3', kind: 'canceled' });
        expect(sameMessages(a, [...a, extra])).toEqual({ identical: false, onlyInFirst: [], onlyInSecond: [extra] });
        expect(sameMessages([...a, extra], a)).toEqual({ identical: false, onlyInFirst: [extra], onlyInSecond: [] });
      }),
    );
  });
});
