import { type StatusView, StatusProjection } from '@ot/application';
import { PostgresStatusViewStore } from '@ot/read-model';
import { describeIfReachable, partnerEvent, placed, postgresBackings, postgresUnreachable, recorded } from '@ot/testing';

/**
 * The scaled shape runs two status projectors on one PostgreSQL view, both following the log. The
 * slower one may commit a document the faster one has already moved past; a customer must never
 * see the order step back because of it.
 */
describeIfReachable('scale: two status projectors on one PostgreSQL view', postgresUnreachable(), () => {
  const backings = postgresBackings('two_projectors', PostgresStatusViewStore.open);
  afterAll(() => backings.cleanup());

  it('keeps the newer document when the slower projector commits an older one', async () => {
    const backing = await backings.fresh();
    try {
      const [fast, slow] = [await backing.open(), await backing.open()];
      const history = recorded(
        placed('o1'),
        partnerEvent('HandedToCarrier', '2026-01-02T10:00:00.000Z', { carrier: 'courier' }, { orderId: 'o1' }),
        partnerEvent('OutForDelivery', '2026-01-04T08:00:00.000Z', {}, { orderId: 'o1' }),
      );
      await new StatusProjection(slow).apply(history.slice(0, 2)); // the slow one folded two events ...
      const older = (await slow.get('o1')) as StatusView;
      await new StatusProjection(fast).apply(history); // ... the fast one all three
      await slow.commit([older], 2); // and the slow one's commit of its older fold lands last
      expect(await fast.get('o1')).toMatchObject({ status: 'OutForDelivery', version: 3 });
      expect((await slow.stored('o1'))?.version).toBe(3);
    } finally {
      await backing.close();
    }
  });
});
