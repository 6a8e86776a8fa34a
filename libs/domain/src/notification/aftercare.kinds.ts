/** Notification kinds of compensation, returns and pickup-point storage (aftercare.triggers.ts says when each is sent). */
export const AFTERCARE_KINDS = [
  'compensation-granted',
  'storage-last-day',
  'storage-extended',
  'storage-expired',
  'return-approved',
  'return-rejected',
  'return-handed-over',
  'return-received',
  'refund-issued',
] as const;
export type AftercareKind = (typeof AFTERCARE_KINDS)[number];

/** News that stays true once the parcel is delivered or gone back: a delivery never makes it stale. */
export const OUTLIVES_DELIVERY: ReadonlySet<string> = new Set<AftercareKind>([
  'compensation-granted',
  'storage-expired',
  'return-approved',
  'return-rejected',
  'return-handed-over',
  'return-received',
  'refund-issued',
]);

/** Money owed and the last chance to collect: caps never hold these back. */
export const NEVER_CAPPED_AFTERCARE_KINDS: readonly AftercareKind[] = [
  'compensation-granted',
  'storage-last-day',
  'storage-expired',
  'refund-issued',
  'return-approved',
  'return-rejected',
];
