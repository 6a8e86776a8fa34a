import type { CalendarDate, Instant } from '@ot/domain';
import type { ViewCommitListener } from './status-view.store';

/** The latest prediction for one open order, kept by the ETA projection apart from the status document. */
export type EtaView = {
  orderId: string;
  /** Most likely delivery day. */
  expected: CalendarDate;
  /** The day we dare to promise ("arrives by"). */
  by: CalendarDate;
  window: { earliest: CalendarDate; latest: CalendarDate };
  updatedAt: Instant;
  /** 0..1: how much history the prediction rests on. */
  confidence: number;
  /** What the forecast counts: business days (weekends and holidays of the destination add no transit time) or calendar days. */
  days: 'business' | 'calendar';
};

/** GET /orders/:id merges this with the status document. */
export interface EtaViewReader {
  get(orderId: string): Promise<EtaView | undefined>;
  /** The document as stored, exactly `JSON.stringify(view)`: the read path serves it without parsing. */
  json(orderId: string): Promise<string | undefined>;
  /** As StatusViewReader.onCommit: called once each commit is durable, with the orders it upserted or removed. */
  onCommit(listener: ViewCommitListener): () => void;
}
