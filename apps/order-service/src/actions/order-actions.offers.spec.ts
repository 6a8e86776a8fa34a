import type { EtaView, EtaViewReader } from '@ot/application';
import { ConfiguredPartnerDirectory } from '@ot/partners';
import { FakeClock } from '@ot/testing';
import { OrderActionOffers } from './order-actions.offers';

const forecastOf = (earliest: string): EtaView => ({
  orderId: 'o-1',
  expected: '2026-12-10',
  by: '2026-12-14',
  window: { earliest, latest: '2026-12-12' },
  updatedAt: '2026-12-02T12:00:00.000Z',
  confidence: 0.8,
  days: 'business',
});
const etaReader = (view: EtaView | undefined): EtaViewReader => ({ get: async () => view, json: async () => undefined, onCommit: () => () => undefined });

describe('reschedule days offered', () => {
  const clock = new FakeClock('2026-12-02T15:00:00.000Z'); // Wednesday in Sao Paulo
  const directory = new ConfiguredPartnerDirectory(3, []);

  it("start at the forecast window's earliest day when it is later than tomorrow: no day the parcel cannot make", async () => {
    const offers = await new OrderActionOffers(clock, directory, etaReader(forecastOf('2026-12-08'))).partnerOffers('o-1');
    expect(offers.days).toEqual(['2026-12-08', '2026-12-09', '2026-12-10']);
  });

  it('start tomorrow when the forecast allows it or there is none', async () => {
    expect((await new OrderActionOffers(clock, directory, etaReader(forecastOf('2026-12-02'))).partnerOffers('o-1')).days).toEqual([
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ]);
    expect((await new OrderActionOffers(clock, directory, etaReader(undefined)).partnerOffers('o-1')).days).toEqual(['2026-12-03', '2026-12-04', '2026-12-05']);
  });
});
