import type { EtaView } from '@ot/application';
import type { OlistOrder } from '@ot/replay';
import { monthlyMae, monthlyMaeTable } from './eta-bench.monthly';
import type { ReplayObservations } from './in-process.replay';

const order = (orderId: string, purchasedAt: string, deliveredAt?: string): OlistOrder =>
  ({ orderId, purchasedAt, deliveredAt, promisedDate: '2017-12-30' }) as OlistOrder;
const view = (expected: string): EtaView =>
  ({ orderId: '', expected, by: expected, window: { earliest: expected, latest: expected }, updatedAt: '', confidence: 0, days: 'business' }) as EtaView;

describe('bench:eta MAE per month', () => {
  it('groups delivered orders by month of purchase, at placement and at hand-off', () => {
    const orders = [
      order('a', '2017-11-24T10:00:00', '2017-12-04T10:00:00'),
      order('b', '2017-11-30T10:00:00', '2017-12-08T10:00:00'),
      order('c', '2017-12-01T10:00:00'),
    ];
    const obs = {
      atPlaced: new Map([
        ['a', view('2017-12-01')],
        ['b', view('2017-12-09')],
        ['c', view('2017-12-09')],
      ]),
      atHandoff: new Map([['a', view('2017-12-04')]]),
    } as unknown as ReplayObservations;
    const rows = monthlyMae(orders, obs);
    // a: 3 days late at placement, on the day at hand-off; b: a day early at placement
    const november = { month: '2017-11', placed: 2, maePlaced: 2, handed: 1, maeHandoff: 0, biasPlaced: 1, biasHandoff: 0, signPlaced: 0, signHandoff: 0 };
    expect(rows).toEqual([november, { ...november, month: 'all' }]);
    expect(monthlyMaeTable(rows).split('\n')).toEqual([
      'month    delivered  mae_placed  mae_handoff  bias_placed  bias_handoff  sign_placed  sign_handoff',
      '2017-11          2       2.000        0.000        1.000         0.000        0.000         0.000',
      'all              2       2.000        0.000        1.000         0.000        0.000         0.000',
    ]);
  });

  it('balances the signs apart from the mean: a right-skewed error with its median on the day', () => {
    const orders = ['a', 'b', 'c'].map((id) => order(id, '2017-05-02T10:00:00', '2017-05-10T10:00:00'));
    const obs = {
      atPlaced: new Map([
        ['a', view('2017-05-11')],
        ['b', view('2017-05-10')],
        ['c', view('2017-05-04')],
      ]),
      atHandoff: new Map(),
    } as unknown as ReplayObservations;
    const [may] = monthlyMae(orders, obs);
    expect(may).toMatchObject({ maePlaced: 2.333, biasPlaced: 1.667, signPlaced: 0, handed: 0 });
  });
});
