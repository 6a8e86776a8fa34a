import type { EtaViewChanges } from '@ot/application';

/** The orders an ETA commit touched (written or removed): what both ETA stores tell their commit listeners. */
export const changedIds = ({ upserts, removals }: EtaViewChanges): string[] => [...upserts.map((doc) => doc.orderId), ...removals];
