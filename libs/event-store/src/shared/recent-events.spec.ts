import type { RecordedEvent } from '@ot/application';
import { RecentEvents } from './recent-events';

const at = (...positions: number[]): RecordedEvent[] => positions.map((globalPosition) => ({ globalPosition }) as RecordedEvent);
const positionsOf = (events: RecordedEvent[] | undefined) => events?.map((e) => e.globalPosition);

describe('RecentEvents', () => {
  it('serves the run right after a position, up to the limit', () => {
    const recent = new RecentEvents();
    recent.add(at(4, 5, 6, 7));
    expect(positionsOf(recent.after(4, 10))).toEqual([5, 6, 7]);
    expect(positionsOf(recent.after(3, 2))).toEqual([4, 5]);
  });

  it('stops at a gap (another process appended there) and does not answer for a position it never held', () => {
    const recent = new RecentEvents();
    recent.add(at(4, 5, 8, 9));
    expect(positionsOf(recent.after(3, 10))).toEqual([4, 5]);
    expect(recent.after(5, 10)).toBeUndefined();
    expect(positionsOf(recent.after(7, 10))).toEqual([8, 9]);
    expect(recent.after(9, 10)).toBeUndefined();
    expect(recent.after(1, 10)).toBeUndefined();
  });

  it('forgets the oldest events beyond twice its capacity', () => {
    const recent = new RecentEvents(2);
    recent.add(at(1, 2, 3, 4, 5));
    expect(recent.after(0, 10)).toBeUndefined();
    expect(positionsOf(recent.after(3, 10))).toEqual([4, 5]);
  });
});
